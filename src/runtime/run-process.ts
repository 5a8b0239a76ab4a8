import { config as loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { openRuntime, type Runtime } from './open-runtime.js';

export interface Closable {
  close(): Promise<void>;
}

/**
 * The shared shape of every process entry point: load config, open the runtime, start what the
 * process runs, and on SIGTERM/SIGINT close it all, with a forced exit if closing hangs.
 */
export async function runProcess(
  name: string,
  start: (runtime: Runtime, logger: Logger, config: Config) => Promise<Closable>,
  opts: { requireSharedMongo?: boolean; forceExitMs?: number } = {},
): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(name);
  if (opts.requireSharedMongo && !config.MONGO_URL) {
    logger.error(
      'MONGO_URL is not set: separate worker processes must share one MongoDB. Start one with `npm run mongo:embedded` and export its URI, or run every queue in one process with `npm run workers`.',
    );
    process.exitCode = 2;
    return;
  }
  const runtime = await openRuntime(config, logger);
  const started = await start(runtime, logger, config);
  logger.info({ pid: process.pid }, 'process ready');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, opts.forceExitMs ?? 30_000);
    timer.unref();
    await started.close();
    await runtime.close();
    logger.info('stopped');
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
