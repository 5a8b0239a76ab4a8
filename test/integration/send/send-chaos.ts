/**
 * The send pipeline under fire: real send worker processes, one SIGKILLed and replaced every few
 * seconds, against the Mailgun-compatible sink failing a share of requests with 429/503. Shared by
 * `npm run chaos:send` and the integration test. No test-framework imports.
 */
import { sendJobOptions } from '../../../jobs/send.job.js';
import { parseConfig } from '../../../src/config.js';
import { connectDatabase } from '../../../src/db/connection.js';
import { createEnqueue } from '../../../src/queues/enqueue.js';
import { createQueues } from '../../../src/queues/queues.js';
import { createRedis } from '../../../src/queues/redis.js';
import { pipelineJobId } from '../../../src/queues/registry.js';
import { startMailgunSink } from '../../support/mailgun-sink.js';
import { spawnEntry, type Spawned } from '../../support/processes.js';
import { REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { withDatabase } from '../../support/wait.js';
import { seedSendable } from './send-fixtures.js';

export interface ChaosOptions {
  mongoUri: string;
  emails: number;
  /** Seconds between SIGKILLs; 0 never kills. */
  killEverySec: number;
  failRate: number;
  failStatuses?: number[];
  /**
   * Provider latency per request. Keeps each kill landing on requests in flight and the run long
   * enough for the kill schedule, however fast the workers get. @defaultValue 250
   */
  latencyMs?: number;
  /** Send worker processes. @defaultValue 3 */
  workers?: number;
  deadlineMs?: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  expected: number;
  delivered: number;
  duplicates: number;
  missing: number;
  failedJobs: number;
}

/** Settings that make crash recovery take seconds instead of half a minute. */
export const FAST_RECOVERY_ENV: Record<string, string> = {
  WORKER_LOCK_DURATION_MS: '3000',
  WORKER_STALLED_INTERVAL_MS: '1500',
  WORKER_MAX_STALLED_COUNT: '50',
  SEND_LEASE_MS: '4000',
  MAILGUN_TIMEOUT_MS: '2500',
  SEND_RECONCILE_DELAY_MS: '0',
  SEND_BACKOFF_MS: '200',
  SEND_ATTEMPTS: '20',
  MAILGUN_RATE_LIMIT_PAUSE_MS: '150',
  QUIET_HOURS_START: '0',
  QUIET_HOURS_END: '0',
  FREQUENCY_CAP_PER_7_DAYS: '50',
  SEND_RATE_MAX: '10000',
  // Few jobs in flight per process, so a run of a few hundred emails spans several kills.
  SEND_CONCURRENCY: '4',
  GENERATOR: 'composer',
  METRICS_ENABLED: 'false',
};

export async function runSendChaos(
  opts: ChaosOptions,
): Promise<ChaosResult & { killed: number; elapsedMs: number }> {
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const redisPrefix = uniquePrefix('chaos');
  const sink = await startMailgunSink({
    apiKey: 'chaos-key',
    failRate: opts.failRate,
    failStatuses: opts.failStatuses ?? [429, 503],
    latencyMs: opts.latencyMs ?? 250,
    recordBodies: false,
  });
  const mongoUrl = withDatabase(opts.mongoUri, `chaos_${redisPrefix.prefix.slice(-8)}`);
  const env: Record<string, string> = {
    ...FAST_RECOVERY_ENV,
    MONGO_URL: mongoUrl,
    REDIS_URL,
    QUEUE_PREFIX: redisPrefix.prefix,
    MAILGUN_API_KEY: 'chaos-key',
    MAILGUN_URL: sink.url,
    MAILGUN_DOMAIN: 'mg.chaos.test',
  };
  const config = parseConfig({ ...env, LOG_LEVEL: 'silent' });
  const db = await connectDatabase(mongoUrl);
  const redis = createRedis(REDIS_URL);
  const queues = createQueues(redis, redisPrefix.prefix);
  const workers: Spawned[] = [];
  let killed = 0;
  let timer: NodeJS.Timeout | undefined;
  try {
    const seeded = await seedSendable(db.models, { customers: opts.emails, campaigns: ['chaos-1'] });
    log(`seeded ${seeded.length} customers with a reserved, composed message each`);
    const { enqueueBulk } = createEnqueue(queues);
    for (let i = 0; i < seeded.length; i += 500) {
      await enqueueBulk(
        'send',
        seeded.slice(i, i + 500).map((s) => ({
          data: {
            customerId: s.customerId,
            campaign: { key: s.campaignKey, type: 'weekly_digest' as const },
            messageId: s.messageId,
          },
          opts: { jobId: pipelineJobId('send', s.campaignKey, s.customerId), ...sendJobOptions(config) },
        })),
      );
    }
    const spawn = () => spawnEntry('workers/send.worker.ts', { ...env, LOG_LEVEL: 'info' });
    const readySince = new Map<Spawned, number>();
    const markReady = () => {
      for (const w of workers) {
        if (!readySince.has(w) && w.child.exitCode === null && w.output().includes('process ready'))
          readySince.set(w, Date.now());
      }
    };
    for (let i = 0; i < (opts.workers ?? 3); i++) workers.push(spawn());
    if (opts.killEverySec > 0) {
      // Kill the longest-running worker among those that have been up and working for a second, so
      // every kill lands on a process mid-work (start-up takes seconds on a busy machine).
      const minUpMs = Math.min(1000, opts.killEverySec * 1000);
      timer = setInterval(() => {
        markReady();
        const cutoff = Date.now() - minUpMs;
        const candidates = workers.filter((w) => (readySince.get(w) ?? Infinity) <= cutoff);
        const victim = candidates.sort((a, b) => (readySince.get(a) ?? 0) - (readySince.get(b) ?? 0))[0];
        if (!victim) return;
        void victim.kill();
        killed += 1;
        workers.splice(workers.indexOf(victim), 1);
        workers.push(spawn());
        log(`SIGKILLed worker pid ${victim.child.pid ?? '?'}; started a replacement`);
      }, opts.killEverySec * 1000);
    }
    const deadline = started + (opts.deadlineMs ?? 10 * 60_000);
    let lastReport = 0;
    for (;;) {
      const sent = await db.models.Message.countDocuments({ state: 'sent' });
      const counts = await queues.send.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
      const pending =
        (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0);
      if (Date.now() - lastReport > 5000) {
        log(
          `sent ${sent}/${seeded.length}, pending jobs ${pending}, failed jobs ${counts.failed ?? 0}, sink ${JSON.stringify(sink.stats())}`,
        );
        lastReport = Date.now();
      }
      if (pending === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (timer) clearInterval(timer);
    timer = undefined;

    const perMessage = new Map<string, number>();
    for (const m of sink.messages) {
      const id = m.variables.message_id ?? '';
      perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
    }
    const expectedIds = new Set(seeded.map((s) => s.messageId));
    let delivered = 0;
    let duplicates = 0;
    for (const [id, n] of perMessage) {
      if (expectedIds.has(id)) delivered += 1;
      duplicates += n - 1;
    }
    const failedJobs = await queues.send.getJobCountByTypes('failed');
    return {
      expected: expectedIds.size,
      delivered,
      duplicates,
      missing: expectedIds.size - delivered,
      failedJobs,
      killed,
      elapsedMs: Date.now() - started,
    };
  } finally {
    if (timer) clearInterval(timer);
    await Promise.all(workers.map((w) => w.stop(5000)));
    await queues.close();
    redis.disconnect();
    await db.connection.dropDatabase().catch(() => undefined);
    await db.close();
    await sink.close();
    await redisPrefix.cleanup();
  }
}
