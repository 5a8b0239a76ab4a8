import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMongo } from '../../support/mongo.js';
import { runSendChaos } from './send-chaos.js';

/**
 * Real send worker processes, one SIGKILLed and replaced every 2 s, while the sink answers 20% of
 * provider calls with 429 or 503. The full 1,000-email run is `npm run chaos:send`; CHAOS_EMAILS
 * sets the size here (default 300, to keep CI on two cores fast).
 */
describe('send chaos: SIGKILLed workers and a flaky provider', () => {
  let mongo: { uri: string; close(): Promise<void> };
  beforeAll(async () => {
    mongo = await testMongo();
  });
  afterAll(async () => {
    await mongo?.close();
  });

  it('delivers every email exactly once with no failed job', async () => {
    const result = await runSendChaos({
      mongoUri: mongo.uri,
      emails: Number(process.env.CHAOS_EMAILS ?? 300),
      killEverySec: 2,
      failRate: 0.2,
      deadlineMs: 240_000,
    });
    expect(result.killed).toBeGreaterThan(0);
    expect({ ...result, killed: undefined, elapsedMs: undefined }).toEqual({
      expected: result.expected,
      delivered: result.expected,
      duplicates: 0,
      missing: 0,
      failedJobs: 0,
      killed: undefined,
      elapsedMs: undefined,
    });
  }, 300_000);
});
