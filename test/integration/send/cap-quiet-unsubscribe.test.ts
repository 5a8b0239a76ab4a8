import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJobOptions } from '../../../jobs/send.job.js';
import { parseConfig, type Config } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { pipelineJobId } from '../../../src/queues/registry.js';
import { openRuntime, type Runtime } from '../../../src/runtime/open-runtime.js';
import { buildHttpForRuntime } from '../../../src/runtime/start-http.js';
import { signUnsubscribeToken } from '../../../src/send/unsubscribe-token.js';
import { startMailgunSink, type MailgunSink } from '../../support/mailgun-sink.js';
import { testMongo } from '../../support/mongo.js';
import { spawnEntry, type Spawned } from '../../support/processes.js';
import { REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { waitFor, withDatabase } from '../../support/wait.js';
import { FAST_RECOVERY_ENV } from './send-chaos.js';
import { seedSendable, type SeededSend } from './send-fixtures.js';

const AWAKE_ZONE = 'Etc/GMT+6'; // UTC-6: outside the quiet window below
const QUIET_ZONE = 'UTC';

describe('frequency cap, quiet hours and unsubscribe across overlapping campaigns (2 send worker processes)', () => {
  let mongo: { uri: string; close(): Promise<void> };
  let redis: ReturnType<typeof uniquePrefix>;
  let sink: MailgunSink;
  let config: Config;
  let runtime: Runtime;
  let app: FastifyInstance;
  let workers: Spawned[] = [];
  let capped: SeededSend[];
  let quiet: SeededSend[];
  let unsub: SeededSend[];

  beforeAll(async () => {
    mongo = await testMongo();
    redis = uniquePrefix('capq');
    sink = await startMailgunSink({ apiKey: 'k' });
    const utcHour = new Date().getUTCHours();
    const env: Record<string, string> = {
      ...FAST_RECOVERY_ENV,
      MONGO_URL: withDatabase(mongo.uri, `capq_${redis.prefix.slice(-8)}`),
      REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      MAILGUN_API_KEY: 'k',
      MAILGUN_URL: sink.url,
      MAILGUN_DOMAIN: 'mg.test',
      FREQUENCY_CAP_PER_7_DAYS: '1',
      // Quiet from this UTC hour for three hours: UTC shoppers are asleep, UTC-6 shoppers are not.
      QUIET_HOURS_START: String(utcHour),
      QUIET_HOURS_END: String((utcHour + 3) % 24),
    };
    config = parseConfig({ ...env, LOG_LEVEL: 'silent' });
    const logger = createLogger('test', 'silent');
    runtime = await openRuntime(config, logger);
    app = await buildHttpForRuntime(runtime, logger);
    await app.ready();
    const { models } = runtime.db;
    capped = await seedSendable(models, {
      customers: 20,
      campaigns: ['camp-a', 'camp-b'],
      timezone: () => AWAKE_ZONE,
      prefix: 'cap',
    });
    quiet = await seedSendable(models, {
      customers: 5,
      campaigns: ['camp-a'],
      timezone: () => QUIET_ZONE,
      prefix: 'quiet',
    });
    unsub = await seedSendable(models, {
      customers: 6,
      campaigns: ['camp-c'],
      timezone: () => AWAKE_ZONE,
      prefix: 'unsub',
    });

    const enqueue = (rows: SeededSend[], delay?: number) =>
      runtime.deps.enqueueBulk(
        'send',
        rows.map((r) => ({
          data: {
            customerId: r.customerId,
            campaign: { key: r.campaignKey, type: 'weekly_digest' as const },
            messageId: r.messageId,
          },
          opts: {
            jobId: pipelineJobId('send', r.campaignKey, r.customerId),
            ...sendJobOptions(config),
            ...(delay ? { delay } : {}),
          },
        })),
      );
    // The two campaigns interleaved, so both workers race for the same shoppers' single slot.
    const byCustomer = [...capped].sort((a, b) => a.customerId.localeCompare(b.customerId));
    await enqueue(byCustomer);
    await enqueue(quiet);
    // Already queued when the shopper unsubscribes.
    await enqueue(unsub, 4000);
    for (const r of unsub.slice(0, 3)) {
      const customer = await models.Customer.findById(r.customerId).lean();
      const token = signUnsubscribeToken(config.UNSUBSCRIBE_SECRET, r.customerId, customer!.email);
      const res = await app.inject({
        method: 'POST',
        url: `/unsubscribe/${token}`,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(200);
    }
    workers = [spawnEntry('workers/send.worker.ts', env), spawnEntry('workers/send.worker.ts', env)];
    await waitFor(
      'capped, unsubscribed and quiet rows to settle',
      async () => {
        const open = await models.Message.countDocuments({
          campaignKey: { $in: ['camp-a', 'camp-b', 'camp-c'] },
          state: { $in: ['reserved', 'sending'] },
          customerId: { $nin: quiet.map((q) => q.customerId) },
        });
        const quietDeferred = await models.Message.countDocuments({
          campaignKey: 'camp-a',
          deferReason: 'quiet_hours',
        });
        return open === 0 && quietDeferred === quiet.length;
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
  }, 150_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop(5000)));
    await app?.close();
    await runtime?.db.connection.dropDatabase().catch(() => undefined);
    await runtime?.close();
    await sink?.close();
    await redis?.cleanup();
    await mongo?.close();
  });

  it('holds the cap across two overlapping campaigns: one email per shopper, the other skipped with a reason', async () => {
    const emails = new Map<string, number>();
    for (const m of sink.messages) if (m.to.startsWith('cap')) emails.set(m.to, (emails.get(m.to) ?? 0) + 1);
    expect(emails.size).toBe(20);
    expect([...emails.values()].every((n) => n === 1)).toBe(true);
    const skipped = await runtime.db.models.Message.find({
      campaignKey: { $in: ['camp-a', 'camp-b'] },
      state: 'skipped',
    }).lean();
    expect(skipped).toHaveLength(20);
    expect(skipped.every((m) => m.skipReason === 'frequency_cap')).toBe(true);
  });

  it('defers shoppers in quiet hours to the end of them, recorded on the ledger, with the job delayed', async () => {
    expect(sink.messages.filter((m) => m.to.startsWith('quiet'))).toHaveLength(0);
    const rows = await runtime.db.models.Message.find({
      customerId: { $in: quiet.map((q) => q.customerId) },
    }).lean();
    for (const r of rows) {
      expect(r.state).toBe('reserved');
      expect(r.deferReason).toBe('quiet_hours');
      expect(r.deferredUntil!.getTime()).toBeGreaterThan(Date.now());
    }
    expect(await runtime.queues.send.getDelayedCount()).toBeGreaterThanOrEqual(quiet.length);
  });

  it('sends nothing more after a one-click unsubscribe, including emails already queued', async () => {
    const unsubscribed = new Set(unsub.slice(0, 3).map((r) => r.email));
    const got = sink.messages.filter((m) => m.to.startsWith('unsub')).map((m) => m.to);
    expect(got.filter((to) => unsubscribed.has(to))).toHaveLength(0);
    expect(new Set(got)).toEqual(new Set(unsub.slice(3).map((r) => r.email)));
    const rows = await runtime.db.models.Message.find({ campaignKey: 'camp-c', state: 'skipped' }).lean();
    expect(rows.map((r) => r.skipReason)).toEqual(['no_consent', 'no_consent', 'no_consent']);
    // Skips end their jobs as failed with the reason (UnrecoverableError): 20 capped + 3 unsubscribed.
    expect(await runtime.queues.send.getFailedCount()).toBe(23);
  });
});
