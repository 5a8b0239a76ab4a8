import type { Worker } from 'bullmq';
import { JOBS_BY_QUEUE } from '../../jobs/index.js';
import type { Config } from '../config.js';
import type { CopyGenerator } from '../generate/types.js';
import type { Logger } from '../logger.js';
import type { QueueName } from '../queues/registry.js';
import { buildWorker } from '../queues/worker.js';
import type { Runtime } from './open-runtime.js';

/** Jobs one worker of this queue runs at once. */
export function concurrencyOf(config: Config, queue: QueueName, generator: CopyGenerator): number {
  switch (queue) {
    case 'profile':
      return config.PROFILE_CONCURRENCY;
    case 'recommend':
      return config.RECOMMEND_CONCURRENCY;
    case 'generate':
      // A GPU generator batches hundreds of requests: the worker must hold that many jobs at once.
      return config.GENERATE_CONCURRENCY ?? Math.max(64, generator.preferredConcurrency ?? 0);
    case 'send':
      return config.SEND_CONCURRENCY;
    case 'maintenance':
      return 1;
  }
}

export interface Workers {
  workers: Worker[];
  close(): Promise<void>;
}

/** Starts workers for the given queues on a runtime; each process can run any subset (horizontal scale). */
export function buildWorkers(runtime: Runtime, queues: readonly QueueName[], logger: Logger): Workers {
  const workers = queues.map((queue) =>
    buildWorker({
      queue,
      definitions: JOBS_BY_QUEUE[queue],
      deps: runtime.deps,
      connection: runtime.redis,
      prefix: runtime.config.QUEUE_PREFIX,
      concurrency: concurrencyOf(runtime.config, queue, runtime.deps.generator),
      logger: logger.child({ queue }),
      limiter:
        queue === 'send'
          ? { max: runtime.config.SEND_RATE_MAX, duration: runtime.config.SEND_RATE_WINDOW_MS }
          : undefined,
      metrics: runtime.config.METRICS_ENABLED,
      lockDuration: runtime.config.WORKER_LOCK_DURATION_MS,
      stalledInterval: runtime.config.WORKER_STALLED_INTERVAL_MS,
      maxStalledCount: runtime.config.WORKER_MAX_STALLED_COUNT,
    }),
  );
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
