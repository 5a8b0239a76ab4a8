import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnEntry } from '../support/processes.js';
import { uniquePrefix } from '../support/redis.js';
import { withDatabase } from '../support/wait.js';

/**
 * The README's first quick-start command, small: seeds a store, runs the weekly digest through
 * every worker into the outbox, prints the summary and exits by itself (it once hung after the
 * summary on a Redis connection nobody closed).
 */
describe('npm run demo', () => {
  let dir: string;
  let redis: ReturnType<typeof uniquePrefix>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailmind-demo-'));
    redis = uniquePrefix('demo');
  });
  afterAll(async () => {
    await redis.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the digest to the outbox, prints the summary and exits on its own', async () => {
    const outbox = join(dir, 'outbox');
    const env: Record<string, string> = {
      EMBEDDED_MONGO_DIR: join(dir, 'mongo'),
      OUTBOX_DIR: outbox,
      QUEUE_PREFIX: redis.prefix,
      HTTP_PORT: '0',
    };
    if (process.env.MONGO_URL)
      env.MONGO_URL = withDatabase(process.env.MONGO_URL, `demo_${redis.prefix.slice(-8)}`);
    const demo = spawnEntry('scripts/demo.ts', env, [
      '--customers',
      '150',
      '--products',
      '60',
      '--days',
      '60',
    ]);
    const timer = setTimeout(() => void demo.kill(), 150_000);
    const code = await new Promise<number | null>((r) => demo.child.once('exit', (c) => r(c)));
    clearTimeout(timer);
    const out = demo.output();
    expect(code, out).toBe(0);
    const sent = Number(/: (\d+) emails sent in/.exec(out)?.[1] ?? NaN);
    expect(sent).toBeGreaterThan(50);
    expect(out).toMatch(/Emails per segment:/);
    // The default generator wrote the copy (the composer only stands in when a draft breaks a rule).
    expect(out).toMatch(/Copy written by:\n\s+transformer\s+\d+/);
    const files = await readdir(outbox);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(sent);
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(sent);
  }, 180_000);
});
