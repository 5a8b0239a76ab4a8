import { createRandom, createSampler, mixSeed } from './prng.js';
import type { SeedProduct } from './types.js';

/** Power-law popularity over the catalogue plus per-category samplers, built once per store. */
export interface ShoppingModel {
  products: SeedProduct[];
  categories: string[];
  /** Category popularity (sum of its products' weights), aligned with `categories`. */
  categoryWeights: number[];
  sampleGlobal(random: () => number): SeedProduct;
  sampleInCategory(category: string, random: () => number): SeedProduct;
}

/** Zipf exponent: a few best-sellers, a long tail. */
const ZIPF_S = 1.1;

export function buildShoppingModel(seed: number, products: SeedProduct[]): ShoppingModel {
  if (products.length === 0) throw new Error('a store needs at least one product');
  const r = createRandom(mixSeed(seed, 3));
  const ranks = r.shuffle(products.map((_, i) => i));
  const weights = new Array<number>(products.length);
  ranks.forEach((productIndex, rank) => {
    weights[productIndex] = 1 / Math.pow(rank + 1, ZIPF_S);
  });
  const global = createSampler(weights);
  const byCategory = new Map<
    string,
    { items: SeedProduct[]; sample: (random: () => number) => number; total: number }
  >();
  const grouped = new Map<string, { items: SeedProduct[]; weights: number[] }>();
  products.forEach((p, i) => {
    const g = grouped.get(p.category) ?? { items: [], weights: [] };
    g.items.push(p);
    g.weights.push(weights[i] ?? 0);
    grouped.set(p.category, g);
  });
  for (const [category, g] of grouped) {
    byCategory.set(category, {
      items: g.items,
      sample: createSampler(g.weights),
      total: g.weights.reduce((a, b) => a + b, 0),
    });
  }
  const categories = [...byCategory.keys()];
  return {
    products,
    categories,
    categoryWeights: categories.map((c) => byCategory.get(c)?.total ?? 0),
    sampleGlobal: (random) => products[global(random)] as SeedProduct,
    sampleInCategory(category, random) {
      const c = byCategory.get(category);
      if (!c) return products[global(random)] as SeedProduct;
      return c.items[c.sample(random)] as SeedProduct;
    },
  };
}
