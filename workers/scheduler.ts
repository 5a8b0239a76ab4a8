import { startDigestScheduler } from '../src/runtime/start-scheduler.js';
import { runProcess } from '../src/runtime/run-process.js';

await runProcess('scheduler', async (runtime, logger) => startDigestScheduler(runtime, logger), {
  requireSharedMongo: true,
});
