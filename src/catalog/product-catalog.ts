import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

export interface CatalogProduct {
  id: string;
  sku: string;
  title: string;
  category: string;
  brand: string;
  price: number;
  currency: string;
  discountPercent?: number;
  stock: number;
  url: string;
  imageUrl: string;
  tags: string[];
}

export interface ProductCatalog {
  get(id: string): Promise<CatalogProduct | undefined>;
  /** Every product; one shared array per load, so callers must not change it. */
  all(): Promise<readonly CatalogProduct[]>;
  /** Products by id; one shared map per load (a per-email map of the catalogue was GC churn). */
  byId(): Promise<ReadonlyMap<string, CatalogProduct>>;
  /** 33rd and 66th price percentiles: the shopper price bands. */
  priceCuts(): Promise<[number, number]>;
  invalidate(): void;
}

/**
 * The catalogue is small next to shoppers and events (hundreds to tens of thousands of products),
 * so each worker process keeps it in memory and reloads it after `ttlMs`; products/update webhooks
 * make it stale for at most that long.
 */
export function createProductCatalog(models: Models, ttlMs = 60_000): ProductCatalog {
  let loadedAt = 0;
  let loading: Promise<void> | undefined;
  let byId = new Map<string, CatalogProduct>();
  let list: readonly CatalogProduct[] = [];
  let cuts: [number, number] = [0, 0];

  async function load(): Promise<void> {
    const docs = await models.Product.find({}).lean();
    const next = new Map<string, CatalogProduct>();
    for (const d of docs) {
      const id = (d._id as Types.ObjectId).toString();
      next.set(id, {
        id,
        sku: d.sku,
        title: d.title,
        category: d.category,
        brand: d.brand,
        price: d.price,
        currency: d.currency ?? 'USD',
        discountPercent: d.discountPercent ?? undefined,
        stock: d.stock ?? 0,
        url: d.url,
        imageUrl: d.imageUrl ?? '',
        tags: d.tags ?? [],
      });
    }
    const prices = [...next.values()].map((p) => p.price).sort((a, b) => a - b);
    const q = (f: number) => prices[Math.min(prices.length - 1, Math.floor(prices.length * f))] ?? 0;
    byId = next;
    list = Object.freeze([...next.values()]);
    cuts = [q(1 / 3), q(2 / 3)];
    loadedAt = Date.now();
  }

  async function fresh(): Promise<void> {
    if (Date.now() - loadedAt < ttlMs) return;
    loading ??= load().finally(() => {
      loading = undefined;
    });
    await loading;
  }

  return {
    async get(id) {
      await fresh();
      return byId.get(id);
    },
    async all() {
      await fresh();
      return list;
    },
    async byId() {
      await fresh();
      return byId;
    },
    async priceCuts() {
      await fresh();
      return cuts;
    },
    invalidate() {
      loadedAt = 0;
    },
  };
}
