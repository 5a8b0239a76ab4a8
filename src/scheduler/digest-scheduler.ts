import type { Models } from '../db/models/index.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queues/queues.js';
import { digestCron, isValidTimezone, schedulerIdFor } from './digest-schedule.js';

export interface DigestSchedulerOptions {
  models: Models;
  queues: Queues;
  logger: Logger;
  hour: number;
  weekday: number;
}

/**
 * One BullMQ job scheduler per customer time zone, firing the weekly-digest job at the configured
 * local hour there. Re-syncing is idempotent (upsert by id) and drops zones no customer uses.
 */
export async function syncDigestSchedulers(opts: DigestSchedulerOptions): Promise<{ timezones: string[] }> {
  const zones = (await opts.models.Customer.distinct('timezone')).filter(
    (tz): tz is string => typeof tz === 'string' && isValidTimezone(tz),
  );
  const wanted = new Set(zones.map(schedulerIdFor));
  const queue = opts.queues.maintenance;
  for (const tz of zones) {
    await queue.upsertJobScheduler(
      schedulerIdFor(tz),
      { pattern: digestCron(opts.hour, opts.weekday), tz },
      { name: 'weekly-digest', data: { timezone: tz } },
    );
  }
  for (const existing of await queue.getJobSchedulers()) {
    if (existing.key.startsWith('weekly-digest__') && !wanted.has(existing.key))
      await queue.removeJobScheduler(existing.key);
  }
  opts.logger.info(
    { timezones: zones.length, hour: opts.hour, weekday: opts.weekday },
    'digest schedulers synced',
  );
  return { timezones: zones };
}
