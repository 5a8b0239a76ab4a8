import { buildWorkers } from '../src/runtime/build-workers.js';
import { runProcess } from '../src/runtime/run-process.js';

// Run as many of these processes as you like: BullMQ shares the queue between them.
await runProcess(
  'recommend-worker',
  async (runtime, logger) => buildWorkers(runtime, ['recommend'], logger),
  {
    requireSharedMongo: true,
  },
);
