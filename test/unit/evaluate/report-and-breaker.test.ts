import { describe, expect, it } from 'vitest';
import { formatReportTable, summarize } from '../../../src/evaluate/campaign-report.js';
import { breakerVerdict } from '../../../src/evaluate/send-breaker.js';

describe('campaign report', () => {
  it('groups by campaign, segment and variant with CTR, conversions and revenue', () => {
    const t = new Date();
    const rows = summarize(
      [
        {
          id: '1',
          campaignKey: 'c1',
          segmentName: 'loyal',
          variant: 'benefit',
          state: 'sent',
          deliveredAt: t,
          openedAt: t,
          clickedAt: t,
        },
        {
          id: '2',
          campaignKey: 'c1',
          segmentName: 'loyal',
          variant: 'benefit',
          state: 'sent',
          deliveredAt: t,
          complainedAt: t,
        },
        {
          id: '3',
          campaignKey: 'c1',
          segmentName: 'loyal',
          variant: 'urgency',
          state: 'sent',
          unsubscribedAt: t,
        },
        { id: '4', campaignKey: 'c1', segmentName: 'loyal', variant: 'urgency', state: 'skipped' },
      ],
      [
        { messageId: '1', total: 40.5 },
        { messageId: '1', total: 10 },
      ],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        variant: 'benefit',
        sent: 2,
        delivered: 2,
        opened: 1,
        clicked: 1,
        ctr: 0.5,
        conversions: 2,
        revenue: 50.5,
        complaints: 1,
      }),
      expect.objectContaining({ variant: 'urgency', sent: 1, delivered: 0, clicked: 0, unsubscribes: 1 }),
    ]);
    expect(formatReportTable(rows).split('\n')).toHaveLength(4);
  });
});

describe('deliverability circuit breaker verdict', () => {
  const s = { complaintRate: 0.003, hardBounceRate: 0.05, minSample: 1000 };
  it('waits for the minimum sample, then trips on complaints or hard bounces', () => {
    expect(breakerVerdict({ sent: 999, complaints: 50, hardBounces: 0 }, s)).toBeUndefined();
    expect(breakerVerdict({ sent: 1000, complaints: 3, hardBounces: 0 }, s)).toBeUndefined();
    expect(breakerVerdict({ sent: 1000, complaints: 4, hardBounces: 0 }, s)).toMatch(/complaint rate 0.40%/);
    expect(breakerVerdict({ sent: 1000, complaints: 0, hardBounces: 51 }, s)).toMatch(/hard bounce/);
  });
});
