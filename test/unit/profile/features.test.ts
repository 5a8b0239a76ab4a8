import { describe, expect, it } from 'vitest';
import {
  computeFeatures,
  priceBandOf,
  segmentVector,
  SEGMENT_FEATURES,
  topCategories,
} from '../../../src/profile/features.js';

const now = new Date('2026-11-28T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('computeFeatures', () => {
  it('computes RFM and behaviour features from events and orders', () => {
    const f = computeFeatures({
      now,
      priceCuts: [10, 30],
      orders: [
        { total: 40, at: daysAgo(3) },
        { total: 20, at: daysAgo(40) },
      ],
      events: [
        { type: 'view', at: daysAgo(1), category: 'skincare', price: 40 },
        { type: 'view', at: daysAgo(2), category: 'skincare', price: 35 },
        { type: 'add_to_cart', at: daysAgo(2), category: 'makeup', price: 50 },
        { type: 'purchase', at: daysAgo(3), category: 'skincare', price: 40 },
        { type: 'view', at: daysAgo(50), category: 'haircare', price: 12 },
        { type: 'email_clicked', at: daysAgo(5) },
      ],
    });
    expect(f).toMatchObject({
      recencyDays: 3,
      frequency: 2,
      monetary: 60,
      avgOrderValue: 30,
      views30d: 2,
      cartAdds30d: 1,
    });
    expect(f.engagementRecencyDays).toBe(1);
    expect(f.emailClicks90d).toBe(1);
    expect(f.clickRecencyDays).toBe(5);
    expect(f.priceLevel).toBe(2);
    expect(topCategories(f.categoryAffinity)[0]).toBe('skincare');
    const total = Object.values(f.categoryAffinity).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 1);
  });

  it('treats a shopper with no activity as never seen, mid price band', () => {
    const f = computeFeatures({ now, priceCuts: [10, 30], orders: [], events: [] });
    expect(f.recencyDays).toBe(365);
    expect(f.frequency).toBe(0);
    expect(priceBandOf(f.priceLevel)).toBe('mid');
    expect(segmentVector(f)).toHaveLength(SEGMENT_FEATURES.length);
    expect(segmentVector(f).every(Number.isFinite)).toBe(true);
  });
});
