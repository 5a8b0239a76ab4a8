import { CATEGORIES, type CategorySpec } from './catalog-data.js';
import { createRandom, mixSeed, seededObjectId } from './prng.js';
import type { SeedProduct } from './types.js';

/** Share of the catalogue per category (skincare and makeup dominate, like most beauty stores). */
const CATEGORY_WEIGHTS = [18, 16, 10, 10, 10, 7, 6, 7, 8, 8];
const DISCOUNTS = [10, 15, 20, 25, 30, 40];
const VARIANTS = ['Mini', 'Duo', 'Deluxe', 'Travel Size', 'Refill'];

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function priceIn(min: number, max: number, next: () => number): number {
  const base = Math.floor(min + next() * (max - min));
  const endings = [0.99, 0, 0.5, 0.95];
  return Math.max(1, base) + (endings[Math.floor(next() * endings.length)] ?? 0);
}

/** The catalogue: deterministic for a seed, with brands, prices, some discounts and some sold out. */
export function generateProducts(seed: number, count: number, storeUrl: string, now: Date): SeedProduct[] {
  const r = createRandom(mixSeed(seed, 1));
  const used = new Set<string>();
  const slugs = new Map<string, number>();
  const products: SeedProduct[] = [];
  for (let i = 0; i < count; i++) {
    const spec = CATEGORIES[r.weighted(CATEGORY_WEIGHTS)] as CategorySpec;
    let brand = r.pick(spec.brands);
    let line = r.pick(spec.lines);
    let kind = r.pick(spec.kinds);
    for (let tries = 0; tries < 6 && used.has(`${brand}|${line}|${kind.name}`); tries++) {
      brand = r.pick(spec.brands);
      line = r.pick(spec.lines);
      kind = r.pick(spec.kinds);
    }
    let title = `${line} ${kind.name}`;
    if (used.has(`${brand}|${line}|${kind.name}`)) title = `${title} ${r.pick(VARIANTS)}`;
    used.add(`${brand}|${line}|${kind.name}`);

    const sku = `${spec.code}-${String(i + 1).padStart(5, '0')}`;
    let slug = slugify(`${brand} ${title}`);
    const seen = slugs.get(slug) ?? 0;
    slugs.set(slug, seen + 1);
    if (seen > 0) slug = `${slug}-${seen + 1}`;

    const tags = new Set([spec.key, slugify(line), r.pick(spec.tags)]);
    if (r.chance(0.4)) tags.add(r.pick(spec.tags));
    const product: SeedProduct = {
      _id: seededObjectId(0xa1, seed, i),
      sku,
      externalId: `prod_${i + 1}`,
      title,
      category: spec.key,
      brand,
      price: Math.round(priceIn(kind.min, kind.max, r.next) * 100) / 100,
      currency: 'USD',
      stock: r.chance(0.07) ? 0 : r.int(3, 400),
      url: `${storeUrl}/products/${slug}`,
      imageUrl: `${storeUrl}/images/products/${sku.toLowerCase()}.jpg`,
      tags: [...tags],
      updatedAt: new Date(now.getTime() - r.int(0, 60) * 86_400_000),
    };
    if (r.chance(0.18)) product.discountPercent = r.pick(DISCOUNTS);
    products.push(product);
  }
  return products;
}
