import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * The yardstick for the pipeline benchmark: the same number of shoppers pushed through four
 * BullMQ queues whose processors do nothing but enqueue the next stage, exactly as our stages
 * chain (deterministic job ids, one add per hop, same concurrency).
 */
export async function runNoopChain(opts: {
  connection: Redis;
  prefix: string;
  n: number;
  concurrency: number;
  onProgress?: (done: number) => void;
}): Promise<{ seconds: number }> {
  const names = ['noop-profile', 'noop-recommend', 'noop-generate', 'noop-send'];
  const queues = names.map((name) => new Queue(name, { connection: opts.connection, prefix: opts.prefix }));
  const jobOpts = { removeOnComplete: { count: 5000 }, removeOnFail: { count: 5000 }, attempts: 5 };
  let done = 0;
  let resolveAll: () => void = () => {};
  const finished = new Promise<void>((r) => (resolveAll = r));
  const workers = names.map(
    (name, i) =>
      new Worker(
        name,
        async (job) => {
          const next = queues[i + 1];
          if (next) await next.add(name, job.data, { ...jobOpts, jobId: `${names[i + 1]}__${job.data.id}` });
          else if (++done % 500 === 0 || done === opts.n) {
            opts.onProgress?.(done);
            if (done >= opts.n) resolveAll();
          }
        },
        { connection: opts.connection, prefix: opts.prefix, concurrency: opts.concurrency },
      ),
  );
  const started = performance.now();
  for (let i = 0; i < opts.n; i += 1000) {
    const page = Array.from({ length: Math.min(1000, opts.n - i) }, (_, j) => ({
      name: names[0]!,
      data: { id: String(i + j), campaign: 'bench' },
      opts: { ...jobOpts, jobId: `${names[0]}__${i + j}` },
    }));
    await queues[0]!.addBulk(page);
  }
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all(queues.map((q) => q.obliterate({ force: true }).then(() => q.close())));
  return { seconds };
}
