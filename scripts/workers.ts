import { Command } from 'commander';
import { QUEUE_NAMES, type QueueName } from '../src/queues/registry.js';
import { buildWorkers } from '../src/runtime/build-workers.js';
import { runProcess } from '../src/runtime/run-process.js';
import { startHttpServer } from '../src/runtime/start-http.js';
import { startDigestScheduler } from '../src/runtime/start-scheduler.js';

// Development all-in-one: every queue's workers, the HTTP service and the scheduler in one process,
// sharing one MongoDB (the embedded one when MONGO_URL is unset).
const opts = new Command()
  .option('--queues <list>', 'comma-separated queues to work', QUEUE_NAMES.join(','))
  .option('--no-http', 'do not start the HTTP service')
  .option('--no-scheduler', 'do not sync the digest schedulers')
  .parse()
  .opts<{ queues: string; http: boolean; scheduler: boolean }>();

const queues = opts.queues.split(',').map((q) => q.trim()) as QueueName[];
for (const q of queues)
  if (!QUEUE_NAMES.includes(q)) throw new Error(`unknown queue "${q}"; known: ${QUEUE_NAMES.join(', ')}`);

await runProcess('workers', async (runtime, logger) => {
  const parts: Array<{ close(): Promise<void> }> = [buildWorkers(runtime, queues, logger)];
  if (opts.http) parts.push(await startHttpServer(runtime, logger));
  if (opts.scheduler) parts.push(await startDigestScheduler(runtime, logger));
  return { close: async () => void (await Promise.all(parts.map((p) => p.close()))) };
});
