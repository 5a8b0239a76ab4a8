import { DelayedError, MetricsTime, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { ZodError } from 'zod';
import { DeferredError, PermanentError, RateLimitedError } from '../errors.js';
import { lazyChild, type Logger } from '../logger.js';
import { JOB_REGISTRY, type JobData, type JobName, type QueueName } from './registry.js';

export interface JobContext<D> {
  deps: D;
  log: Logger;
  /** BullMQ job id, attempt number (1-based) and a progress reporter; domain code sees nothing else of BullMQ. */
  jobId: string;
  attempt: number;
  progress(value: number | object): Promise<void>;
}

/** One job: its name (which fixes queue and payload type) and its processor. */
export interface JobDefinition<N extends JobName, D, R = unknown> {
  name: N;
  process(data: JobData<N>, ctx: JobContext<D>): Promise<R>;
  /** Called once when the job has failed for good (unrecoverable, or out of attempts), so nothing is lost silently. */
  onFinalFailure?(data: JobData<N>, reason: string, ctx: { deps: D; log: Logger }): Promise<void>;
}

// Each definition is typed by its own name; the dispatcher only needs the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDefinition<D> = JobDefinition<any, D, unknown>;

export interface BuildWorkerOptions<D> {
  queue: QueueName;
  definitions: AnyDefinition<D>[];
  deps: D;
  connection: Redis;
  prefix: string;
  concurrency: number;
  logger: Logger;
  /** Global rate limit across every worker of this queue. */
  limiter?: { max: number; duration: number };
  metrics?: boolean;
  /** Lock per active job in ms. @defaultValue 30000 */
  lockDuration?: number;
  /** Stalled-job check interval in ms. @defaultValue 30000 */
  stalledInterval?: number;
  /** Stalls a job survives before it fails. @defaultValue 1 */
  maxStalledCount?: number;
}

/**
 * Builds a BullMQ worker that validates payloads and maps domain errors onto BullMQ's retry rules:
 * bad payloads and PermanentError fail at once with the reason; RateLimitedError pauses the queue
 * without spending an attempt; DeferredError moves the job to the delayed set; anything else retries.
 */
export function buildWorker<D>(options: BuildWorkerOptions<D>): Worker {
  const byName = new Map(options.definitions.map((d) => [d.name as string, d]));
  for (const d of options.definitions) {
    const expected = JOB_REGISTRY[d.name as JobName].queue;
    if (expected !== options.queue)
      throw new Error(`job ${d.name} belongs on queue ${expected}, not ${options.queue}`);
  }

  const processor = async (job: Job, token?: string): Promise<unknown> => {
    const definition = byName.get(job.name);
    if (!definition) throw new UnrecoverableError(`unknown job name "${job.name}" on queue ${options.queue}`);
    const log = lazyChild(options.logger, { job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 });
    let data: unknown;
    try {
      data = JOB_REGISTRY[job.name as JobName].schema.parse(job.data);
    } catch (err) {
      const reason =
        err instanceof ZodError
          ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          : String(err);
      log.warn({ reason }, 'invalid job payload');
      throw new UnrecoverableError(`invalid payload: ${reason}`);
    }
    try {
      return await definition.process(data, {
        deps: options.deps,
        log,
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        progress: (value) => job.updateProgress(value),
      });
    } catch (err) {
      if (err instanceof PermanentError) {
        log.info({ reason: err.reason }, 'job failed permanently');
        throw new UnrecoverableError(`${err.reason}: ${err.message}`);
      }
      if (err instanceof RateLimitedError) {
        log.warn({ retryAfterMs: err.retryAfterMs }, 'provider rate limit: pausing queue');
        await worker.rateLimit(err.retryAfterMs);
        throw Worker.RateLimitError();
      }
      if (err instanceof DeferredError) {
        log.info({ until: err.until.toISOString(), reason: err.message }, 'job deferred');
        await job.moveToDelayed(err.until.getTime(), token);
        throw new DelayedError();
      }
      throw err;
    }
  };

  const worker: Worker = new Worker(options.queue, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    limiter: options.limiter,
    ...(options.lockDuration ? { lockDuration: options.lockDuration } : {}),
    ...(options.stalledInterval ? { stalledInterval: options.stalledInterval } : {}),
    ...(options.maxStalledCount !== undefined ? { maxStalledCount: options.maxStalledCount } : {}),
    metrics: options.metrics === false ? undefined : { maxDataPoints: MetricsTime.ONE_WEEK * 2 },
  });
  worker.on('failed', (job, err) => {
    options.logger.warn(
      { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
      'job failed',
    );
    if (!job) return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    const definition = byName.get(job.name);
    const parsed = JOB_REGISTRY[job.name as JobName]?.schema.safeParse(job.data);
    if (!final || !definition?.onFinalFailure || !parsed?.success) return;
    definition
      .onFinalFailure(parsed.data, err.message, { deps: options.deps, log: options.logger })
      .catch((e) => options.logger.error({ jobId: job.id, err: String(e) }, 'final-failure hook failed'));
  });
  worker.on('error', (err) => options.logger.error({ err: err.message }, 'worker error'));
  return worker;
}
