import { buildWorkers } from '../src/runtime/build-workers.js';
import { runProcess } from '../src/runtime/run-process.js';

// Training and fan-out jobs; one process is enough, more are safe.
await runProcess(
  'maintenance-worker',
  async (runtime, logger) => buildWorkers(runtime, ['maintenance'], logger),
  {
    requireSharedMongo: true,
  },
);
