import { CAMPAIGN_TYPES, TONES, type CopyRequest, type Locale, type ProductFact } from './types.js';
import { seededRandom } from './random.js';

/** Synthetic but realistic requests for the eval and the bench (no customer data). */
const CATALOG: [string, string, string, number][] = [
  ['Rose Lip Balm', 'beauty', 'Petal & Co', 12.5],
  ['Hydrating Serum 30ml', 'skincare', 'Dewdrop', 34],
  ['Linen Tote', 'bags', 'Loom', 39],
  ['Merino Crew Sweater', 'apparel', 'Northfold', 89],
  ['Ceramic Pour-Over Set', 'kitchen', 'Kiln House', 45.9],
  ['Trail Runner 2', 'shoes', 'Stride', 119],
  ['Soy Candle Amber', 'home', 'Wick & Wax', 24],
  ['Silk Scrunchie Trio', 'accessories', 'Lustre', 18],
  ['Everyday Chino', 'apparel', 'Northfold', 69],
  ['Cast Iron Skillet 10"', 'kitchen', 'Forge', 55],
  ['Bamboo Bath Towel', 'home', 'Softloop', 29.99],
  ['Vitamin C Cleanser', 'skincare', 'Dewdrop', 22],
  ['Canvas Backpack', 'bags', 'Loom', 74],
  ['Wool Beanie', 'accessories', 'Northfold', 27],
  ['Espresso Cups (set of 4)', 'kitchen', 'Kiln House', 32],
  ['Leather Card Holder', 'accessories', 'Hide', 38],
  ['Matte Lipstick Ruby', 'beauty', 'Petal & Co', 21],
  ['Yoga Mat Pro', 'sports', 'Stride', 64],
  ['Linen Duvet Cover', 'home', 'Softloop', 149],
  ['Cold Brew Bottle', 'kitchen', 'Forge', 26.5],
  ['Sunscreen SPF 50', 'skincare', 'Dewdrop', 19.5],
  ['Rain Jacket', 'apparel', 'Northfold', 129],
  ['Desk Plant Pot', 'home', 'Kiln House', 16],
  ['Running Socks 3-Pack', 'sports', 'Stride', 15],
];
const SEGMENTS = [
  'new subscribers',
  'loyal regulars',
  'VIP big spenders',
  'bargain hunters',
  'lapsed customers',
  'casual browsers',
];
/** More free-form segment names, as k-means labels come out (they map onto the same classes). */
const MORE_SEGMENTS = [
  'first-time buyers',
  'repeat skincare fans',
  'high-value regulars',
  'discount seekers',
  'dormant shoppers',
  'weekend browsers',
  'welcome series',
  'top customers',
  'coupon collectors',
  'win-back list',
  'frequent kitchen buyers',
  'occasional gifters',
];
/** Editions that turn the base catalogue into a few hundred products. */
const EDITIONS = [
  'Classic',
  'Mini',
  'Travel',
  'Sage',
  'Sand',
  'Charcoal',
  'Deluxe',
  'Studio',
  'Gift Edition',
  'Everyday',
  'Limited',
  'Signature',
];
const NAMES: Record<Locale, string[]> = {
  en: ['Ada', 'Sam', 'Priya', 'Lucas', 'Mei', 'Jordan', 'Elena', 'Tom'],
  'zh-CN': ['小明', '李娜', '王芳', '晓雨', '子轩', '思琪'],
};
const CURRENCY: Record<Locale, string> = { en: 'USD', 'zh-CN': 'CNY' };

/** Options for the synthetic requests; the defaults are what the eval has always used. */
export interface SampleOptions {
  /** Products to draw from: the 24 base products, or editions of them up to this many. @defaultValue 24 */
  catalogSize?: number;
  /** Bandit arms to label requests with. @defaultValue none */
  variants?: readonly string[];
  /** Draw from 18 free-form segment names instead of 6. @defaultValue false */
  manySegments?: boolean;
}

function catalogEntry(i: number): (typeof CATALOG)[number] {
  const base = CATALOG[i % CATALOG.length] as (typeof CATALOG)[number];
  if (i < CATALOG.length) return base;
  const edition = EDITIONS[Math.floor(i / CATALOG.length - 1) % EDITIONS.length] as string;
  const price = Math.round(base[3] * (0.8 + ((i * 13) % 9) / 10) * 100) / 100;
  return [`${base[0]} ${edition}`, base[1], base[2], price];
}

export function sampleProducts(
  rand: () => number,
  locale: Locale,
  count: number,
  catalogSize = CATALOG.length,
): ProductFact[] {
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(rand() * catalogSize));
  return [...picked].map((i) => {
    const [title, category, brand, price] = catalogEntry(i);
    const discounted = (i * 7) % 3 === 0;
    return {
      productId: `p${i}`,
      sku: `SKU-${i}`,
      title,
      category,
      brand,
      price: locale === 'zh-CN' ? Math.round(price * 7) : price,
      currency: CURRENCY[locale],
      url: `https://shop.example.com/p/${i}`,
      imageUrl: `https://shop.example.com/p/${i}.jpg`,
      ...(discounted ? { discountPercent: 10 + ((i * 5) % 30) } : {}),
      reason: 'popular',
    };
  });
}

/** n requests from a seed: both locales, every campaign, tone and segment, some without a name. */
export function sampleRequests(n: number, seed: number, options: SampleOptions = {}): CopyRequest[] {
  const rand = seededRandom(seed);
  const segments = options.manySegments ? [...SEGMENTS, ...MORE_SEGMENTS] : SEGMENTS;
  const variants = options.variants ?? [];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const locale: Locale = i % 2 === 0 ? 'en' : 'zh-CN';
    const named = rand() < 0.75;
    return {
      campaignType: pick(CAMPAIGN_TYPES),
      locale,
      segmentName: pick(segments),
      tone: pick(TONES),
      ...(named ? { firstName: pick(NAMES[locale]) } : {}),
      storeName: locale === 'en' ? 'Acme Store' : '阿克米商店',
      storeUrl: 'https://shop.example.com',
      products: sampleProducts(rand, locale, 2 + Math.floor(rand() * 3), options.catalogSize),
      seed: Math.floor(rand() * 2 ** 31),
      ...(variants.length ? { variant: pick(variants) } : {}),
    };
  });
}
