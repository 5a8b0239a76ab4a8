import { DateTime } from 'luxon';

/** The week's digest campaign key, e.g. weekly_digest-2026-W48, from the date in the shopper's zone. */
export function weeklyDigestKey(now: Date, timezone: string): string {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const dt = local.isValid ? local : DateTime.fromJSDate(now, { zone: 'UTC' });
  return `weekly_digest-${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`;
}

/** Cron pattern for the digest: minute 0 of `hour` on `weekday` (0 = Sunday), evaluated in the zone. */
export function digestCron(hour: number, weekday: number): string {
  return `0 ${hour} * * ${weekday}`;
}

export function isValidTimezone(tz: string): boolean {
  return DateTime.local({ zone: tz }).isValid;
}

/** A time zone as it may appear in BullMQ ids, which cannot hold ':'; zone names hold '/', '+' and '-'. */
export function zoneTag(timezone: string): string {
  return timezone.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function schedulerIdFor(timezone: string): string {
  return `weekly-digest__${zoneTag(timezone)}`;
}
