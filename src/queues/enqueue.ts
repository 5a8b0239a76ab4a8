import type { JobsOptions } from 'bullmq';
import type { Queues } from './queues.js';
import { JOB_REGISTRY, type JobName, type JobPayload } from './registry.js';

export interface EnqueueOptions {
  jobId?: string;
  delay?: number;
  priority?: number;
  /** Overrides the queue's default attempts (the send stage wants more). */
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delay: number };
}

export type Enqueue = <N extends JobName>(
  name: N,
  data: JobPayload<N>,
  opts?: EnqueueOptions,
) => Promise<string>;
export type EnqueueBulk = <N extends JobName>(
  name: N,
  items: Array<{ data: JobPayload<N>; opts?: EnqueueOptions }>,
) => Promise<void>;

/** Payloads are validated when enqueued (and again when processed), so a bad one never reaches Redis. */
export function createEnqueue(queues: Queues): { enqueue: Enqueue; enqueueBulk: EnqueueBulk } {
  const enqueue: Enqueue = async (name, data, opts = {}) => {
    const entry = JOB_REGISTRY[name];
    const parsed = entry.schema.parse(data);
    const job = await queues[entry.queue].add(name, parsed, opts as JobsOptions);
    return job.id ?? '';
  };
  const enqueueBulk: EnqueueBulk = async (name, items) => {
    if (items.length === 0) return;
    const entry = JOB_REGISTRY[name];
    await queues[entry.queue].addBulk(
      items.map((item) => ({ name, data: entry.schema.parse(item.data), opts: item.opts as JobsOptions })),
    );
  };
  return { enqueue, enqueueBulk };
}
