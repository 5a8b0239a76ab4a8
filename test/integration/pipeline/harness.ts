import { QueueEvents } from 'bullmq';
import { parseConfig, type Config } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { createProducer, type Producer } from '../../../src/queues/producer.js';
import type { JobName, JobPayload } from '../../../src/queues/registry.js';
import { openRuntime, type Runtime } from '../../../src/runtime/open-runtime.js';
import { seedStore } from '../../../src/seed/index.js';
import { startMailgunSink, type MailgunSink } from '../../support/mailgun-sink.js';
import { testMongo } from '../../support/mongo.js';
import { spawnEntry, type Spawned } from '../../support/processes.js';
import { REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { withDatabase } from '../../support/wait.js';

export interface PipelineHarness {
  env: Record<string, string>;
  config: Config;
  runtime: Runtime;
  producer: Producer;
  sink: MailgunSink;
  workers: Spawned[];
  /** Enqueues a job and waits until it completes, returning its result. */
  runJob<N extends JobName>(name: N, data: JobPayload<N>): Promise<unknown>;
  close(): Promise<void>;
}

export const WORKER_ENTRIES = [
  'workers/profile.worker.ts',
  'workers/recommend.worker.ts',
  'workers/generate.worker.ts',
  'workers/send.worker.ts',
  'workers/maintenance.worker.ts',
];

/**
 * The real thing, end to end: a MongoDB (embedded or MONGO_URL), Redis under a unique prefix, the
 * Mailgun-compatible sink reached through mailgun.js, and each queue's worker in its own process.
 */
export async function startPipelineHarness(
  name: string,
  opts: { customers: number; seed?: number; extraEnv?: Record<string, string>; entries?: string[] },
): Promise<PipelineHarness> {
  const mongo = await testMongo();
  const redis = uniquePrefix(name);
  const sink = await startMailgunSink({ apiKey: 'test-key' });
  const env: Record<string, string> = {
    MONGO_URL: withDatabase(mongo.uri, `${name}_${redis.prefix.slice(-8)}`),
    REDIS_URL,
    QUEUE_PREFIX: redis.prefix,
    MAILGUN_API_KEY: 'test-key',
    MAILGUN_URL: sink.url,
    MAILGUN_DOMAIN: 'mg.test.example',
    GENERATOR: 'composer',
    SEND_RATE_MAX: '10000',
    // Quiet hours would defer part of the run depending on the wall clock; disabled unless a test asks.
    QUIET_HOURS_START: '0',
    QUIET_HOURS_END: '0',
    ...opts.extraEnv,
  };
  const config = parseConfig({ ...env, LOG_LEVEL: 'silent' });
  const runtime = await openRuntime(config, createLogger('test', 'silent'));
  await seedStore(runtime.db.models, {
    seed: opts.seed ?? 7,
    customers: opts.customers,
    products: 120,
    days: 120,
  });
  const workers = (opts.entries ?? WORKER_ENTRIES).map((entry) => spawnEntry(entry, env));
  const events = new QueueEvents('maintenance', { connection: { url: REDIS_URL }, prefix: redis.prefix });
  await events.waitUntilReady();
  const producer = createProducer({
    queues: runtime.queues,
    enqueue: runtime.deps.enqueue,
    enqueueBulk: runtime.deps.enqueueBulk,
  });

  return {
    env,
    config,
    runtime,
    producer,
    sink,
    workers,
    async runJob(jobName, data) {
      const id = await runtime.deps.enqueue(jobName, data);
      const job = await runtime.queues.maintenance.getJob(id);
      if (!job) throw new Error(`job ${id} vanished`);
      return job.waitUntilFinished(events, 120_000);
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      await events.close();
      await runtime.db.connection.dropDatabase().catch(() => undefined);
      await runtime.close();
      await sink.close();
      await redis.cleanup();
      await mongo.close();
    },
  };
}
