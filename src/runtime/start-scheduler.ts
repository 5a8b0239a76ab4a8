import type { Logger } from '../logger.js';
import { syncDigestSchedulers } from '../scheduler/digest-scheduler.js';
import type { Runtime } from './open-runtime.js';

/** Syncs the per-time-zone digest schedulers now and every hour, as new customers bring new zones. */
export async function startDigestScheduler(
  runtime: Runtime,
  logger: Logger,
): Promise<{ close(): Promise<void> }> {
  const sync = () =>
    syncDigestSchedulers({
      models: runtime.deps.models,
      queues: runtime.queues,
      logger,
      hour: runtime.config.DIGEST_HOUR,
      weekday: runtime.config.DIGEST_WEEKDAY,
    });
  await sync();
  const timer = setInterval(
    () => void sync().catch((err) => logger.error({ err: String(err) }, 'scheduler sync failed')),
    3_600_000,
  );
  return { close: async () => clearInterval(timer) };
}
