import { describe, expect, it } from 'vitest';
import {
  isQuietHour,
  nextPreferredHour,
  preferredHourFromClicks,
  quietHoursEnd,
} from '../../../src/send/send-timing.js';

describe('send timing', () => {
  it('knows quiet hours that wrap midnight, and none when start equals end', () => {
    expect([21, 23, 0, 7].every((h) => isQuietHour(h, 21, 8))).toBe(true);
    expect([8, 12, 20].some((h) => isQuietHour(h, 21, 8))).toBe(false);
    expect(isQuietHour(3, 1, 5)).toBe(true);
    expect(isQuietHour(5, 1, 5)).toBe(false);
    expect(isQuietHour(5, 5, 5)).toBe(false);
  });

  it('defers to the end of quiet hours in the shopper time zone', () => {
    // 23:30 in New York (UTC-5 in January) -> 08:00 the next morning there.
    const now = new Date('2026-01-15T04:30:00Z');
    expect(quietHoursEnd(now, 'America/New_York', 21, 8)?.toISOString()).toBe('2026-01-15T13:00:00.000Z');
    expect(quietHoursEnd(new Date('2026-01-15T15:00:00Z'), 'America/New_York', 21, 8)).toBeUndefined();
    // An unknown zone falls back to UTC rather than throwing.
    expect(quietHoursEnd(new Date('2026-01-15T22:00:00Z'), 'Mars/Base', 21, 8)?.toISOString()).toBe(
      '2026-01-16T08:00:00.000Z',
    );
  });

  it('finds the next preferred hour within 24 h, or now', () => {
    const now = new Date('2026-01-15T10:20:00Z');
    expect(nextPreferredHour(now, 'UTC', 10)).toBeUndefined();
    expect(nextPreferredHour(now, 'UTC', 18)?.toISOString()).toBe('2026-01-15T18:00:00.000Z');
    expect(nextPreferredHour(now, 'UTC', 7)?.toISOString()).toBe('2026-01-16T07:00:00.000Z');
  });

  it('learns the preferred hour as the most frequent click hour, recent first on ties', () => {
    expect(preferredHourFromClicks([19])).toBeUndefined();
    expect(preferredHourFromClicks([19, 7, 19, 7, 12])).toBe(19);
    expect(preferredHourFromClicks([7, 19, 19, 7])).toBe(7);
  });
});
