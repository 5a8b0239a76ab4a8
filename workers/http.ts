import { startHttpServer } from '../src/runtime/start-http.js';
import { runProcess } from '../src/runtime/run-process.js';

await runProcess('http', async (runtime, logger) => startHttpServer(runtime, logger), {
  requireSharedMongo: true,
});
