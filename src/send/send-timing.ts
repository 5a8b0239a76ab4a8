import { DateTime } from 'luxon';

/** When the send stage may send, in the shopper's own time zone (pure). */

function local(now: Date, timezone: string): DateTime {
  const dt = DateTime.fromJSDate(now, { zone: timezone });
  return dt.isValid ? dt : DateTime.fromJSDate(now, { zone: 'UTC' });
}

/** True when `hour` (0-23) lies in quiet hours [start, end), which may wrap midnight; start === end means none. */
export function isQuietHour(hour: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}

/** The end of the current quiet period when `now` is inside one, else undefined. */
export function quietHoursEnd(now: Date, timezone: string, start: number, end: number): Date | undefined {
  const t = local(now, timezone);
  if (!isQuietHour(t.hour, start, end)) return undefined;
  let at = t.set({ hour: end, minute: 0, second: 0, millisecond: 0 });
  if (at <= t) at = at.plus({ days: 1 });
  return at.toJSDate();
}

/**
 * The next start of the shopper's preferred local hour within 24 hours, or undefined when it is that
 * hour now (send at once).
 */
export function nextPreferredHour(now: Date, timezone: string, hour: number): Date | undefined {
  const t = local(now, timezone);
  if (t.hour === hour) return undefined;
  let at = t.set({ hour, minute: 0, second: 0, millisecond: 0 });
  if (at <= t) at = at.plus({ days: 1 });
  return at.toJSDate();
}

/** The shopper's local hour at `at`. */
export function localHour(at: Date, timezone: string): number {
  return local(at, timezone).hour;
}

/**
 * Learns a preferred send hour from the local hours of past clicks: the most frequent hour once
 * there are at least `minClicks`, ties going to the most recent click's hour.
 */
export function preferredHourFromClicks(clickHours: number[], minClicks = 2): number | undefined {
  if (clickHours.length < minClicks) return undefined;
  const counts = new Map<number, number>();
  for (const h of clickHours) counts.set(h, (counts.get(h) ?? 0) + 1);
  let best: number | undefined;
  let bestCount = 0;
  // clickHours is most recent first, so the first hour reaching the top count wins ties.
  for (const h of clickHours) {
    const c = counts.get(h) ?? 0;
    if (c > bestCount) {
      best = h;
      bestCount = c;
    }
  }
  return best;
}
