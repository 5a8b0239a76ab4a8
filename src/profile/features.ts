/** RFM and behaviour features of one shopper, computed from their events and orders (pure). */

export interface ShopperActivity {
  now: Date;
  orders: Array<{ total: number; at: Date }>;
  events: Array<{ type: string; at: Date; category?: string; price?: number }>;
  /** Catalogue price quantiles (33rd and 66th percentile) for the price band. */
  priceCuts: [number, number];
}

export interface ShopperFeatures {
  recencyDays: number;
  frequency: number;
  monetary: number;
  avgOrderValue: number;
  views30d: number;
  cartAdds30d: number;
  engagementRecencyDays: number;
  emailClicks90d: number;
  clickRecencyDays: number;
  avgItemPrice: number;
  priceLevel: number;
  categoryAffinity: Record<string, number>;
}

/** Names of the numeric features that enter segmentation, in vector order. */
export const SEGMENT_FEATURES = [
  'recencyDays',
  'frequency',
  'monetary',
  'avgOrderValue',
  'views30d',
  'cartAdds30d',
  'engagementRecencyDays',
  'emailClicks90d',
  'priceLevel',
] as const;

/** A shopper with no activity is treated as last seen this long ago. */
export const NEVER_DAYS = 365;
const DAY = 86_400_000;

const EVENT_WEIGHT: Record<string, number> = {
  view: 1,
  add_to_cart: 3,
  checkout: 4,
  purchase: 5,
  email_clicked: 2,
};

export function computeFeatures(a: ShopperActivity): ShopperFeatures {
  const now = a.now.getTime();
  const ageDays = (d: Date) => Math.max(0, (now - d.getTime()) / DAY);
  const latest = (dates: Date[]) => (dates.length ? Math.min(...dates.map(ageDays)) : NEVER_DAYS);

  const monetary = a.orders.reduce((s, o) => s + o.total, 0);
  const shopping = a.events.filter((e) => !e.type.startsWith('email_'));
  const clicks = a.events.filter((e) => e.type === 'email_clicked');

  const affinity: Record<string, number> = {};
  let weightTotal = 0;
  let priceSum = 0;
  let priceCount = 0;
  for (const e of a.events) {
    const w = EVENT_WEIGHT[e.type] ?? 0;
    if (e.category && w > 0) {
      // Recent interest counts more: a 60-day half-life.
      const decayed = w * Math.pow(0.5, ageDays(e.at) / 60);
      affinity[e.category] = (affinity[e.category] ?? 0) + decayed;
      weightTotal += decayed;
    }
    if (e.price !== undefined && (e.type === 'view' || e.type === 'purchase' || e.type === 'add_to_cart')) {
      priceSum += e.price;
      priceCount += 1;
    }
  }
  for (const key of Object.keys(affinity)) affinity[key] = round((affinity[key] ?? 0) / (weightTotal || 1));

  const avgItemPrice = priceCount ? priceSum / priceCount : 0;
  const priceLevel =
    priceCount === 0 ? 1 : avgItemPrice < a.priceCuts[0] ? 0 : avgItemPrice < a.priceCuts[1] ? 1 : 2;

  return {
    recencyDays: round(latest(a.orders.map((o) => o.at))),
    frequency: a.orders.length,
    monetary: round(monetary),
    avgOrderValue: round(a.orders.length ? monetary / a.orders.length : 0),
    views30d: shopping.filter((e) => e.type === 'view' && ageDays(e.at) <= 30).length,
    cartAdds30d: shopping.filter((e) => e.type === 'add_to_cart' && ageDays(e.at) <= 30).length,
    engagementRecencyDays: round(latest(a.events.map((e) => e.at))),
    emailClicks90d: clicks.filter((e) => ageDays(e.at) <= 90).length,
    clickRecencyDays: round(latest(clicks.map((e) => e.at))),
    avgItemPrice: round(avgItemPrice),
    priceLevel,
    categoryAffinity: affinity,
  };
}

export function priceBandOf(level: number): 'budget' | 'mid' | 'premium' {
  return level <= 0 ? 'budget' : level >= 2 ? 'premium' : 'mid';
}

export function topCategories(affinity: Record<string, number>, n = 3): string[] {
  return Object.entries(affinity)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, n)
    .map(([c]) => c);
}

/** Heavy-tailed counts and amounts are log-compressed before standardising so one whale does not own a cluster. */
export function segmentVector(f: ShopperFeatures): number[] {
  return SEGMENT_FEATURES.map((name) => (name === 'priceLevel' ? f.priceLevel : Math.log1p(f[name])));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
