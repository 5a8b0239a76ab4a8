import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Models } from '../db/models/index.js';
import { storeModel } from '../shared/stored-model-cache.js';
import {
  fitRecommender,
  loadRecommender,
  type Recommender,
  type SerializedRecommender,
} from './algorithms/index.js';
import { loadHistories, type HistoryItem } from './history-loader.js';

export interface StoredRecommender {
  model: SerializedRecommender;
  /** Segment number -> products most bought or carted by that segment, best first. */
  segmentPopular: Record<string, string[]>;
  globalPopular: string[];
}

export interface ServingRecommender {
  model: Recommender;
  segmentPopular: Record<string, string[]>;
  globalPopular: string[];
}

const POPULAR_LIST = 50;
/** Most recent interactions per shopper that training reads. */
const HISTORY_LIMIT = 500;
/** Shoppers whose histories are read in one query. */
const HISTORY_PAGE = 200;
const DEMAND_WEIGHT: Record<string, number> = { purchase: 3, checkout: 2, add_to_cart: 1 };

/**
 * Fits the recommender on every shopper's history (streamed customer by customer) and stores it
 * with per-segment popularity for cold start. Attributes (category, brand, tags) feed content
 * similarity so new products can be recommended before anyone bought them.
 */
export async function trainRecommenderModel(
  deps: { models: Models; catalog: ProductCatalog },
  options: { onProgress?: (done: number) => void } = {},
): Promise<{ version: number; users: number; items: number; fitSeconds: number }> {
  const sequences: string[][] = [];
  const segmentDemand = new Map<string, Map<string, number>>();
  const globalDemand = new Map<string, number>();
  const cursor = deps.models.Profile.find({}, { customerId: 1, segment: 1 })
    .lean()
    .cursor({ batchSize: 500 });
  const profiled = new Set<string>();
  const addShopper = (history: HistoryItem[], segment: number | null | undefined) => {
    if (history.length > 0) sequences.push(history.map((h) => h.productId));
    const key = segment === null || segment === undefined ? 'none' : String(segment);
    const demand = segmentDemand.get(key) ?? new Map<string, number>();
    segmentDemand.set(key, demand);
    for (const h of history) {
      const w = DEMAND_WEIGHT[h.type] ?? 0;
      if (!w) continue;
      demand.set(h.productId, (demand.get(h.productId) ?? 0) + w);
      globalDemand.set(h.productId, (globalDemand.get(h.productId) ?? 0) + w);
    }
  };
  // Histories are read a page of shoppers at a time: one query per page, not one per shopper.
  let page: Array<{ customerId: string; segment: number | null | undefined }> = [];
  const readPage = async () => {
    const histories = await loadHistories(
      deps.models,
      page.map((p) => p.customerId),
      HISTORY_LIMIT,
    );
    for (const p of page) addShopper(histories.get(p.customerId) ?? [], p.segment);
    page = [];
    options.onProgress?.(sequences.length);
  };
  for await (const p of cursor) {
    profiled.add(p.customerId.toString());
    page.push({ customerId: p.customerId.toString(), segment: p.segment });
    if (page.length >= HISTORY_PAGE) await readPage();
  }
  // Shoppers never profiled still teach the model which products go together.
  for await (const c of deps.models.Customer.find({}, { _id: 1 }).lean().cursor({ batchSize: 500 })) {
    if (profiled.has(c._id.toString())) continue;
    page.push({ customerId: c._id.toString(), segment: null });
    if (page.length >= HISTORY_PAGE) await readPage();
  }
  if (page.length > 0) await readPage();

  const products = await deps.catalog.all();
  const attributes: Record<string, string[]> = {};
  for (const p of products)
    attributes[p.id] = [`c:${p.category}`, `b:${p.brand}`, ...p.tags.map((t) => `t:${t}`)];
  const started = performance.now();
  const model = fitRecommender({ sequences, attributes, items: products.map((p) => p.id) });
  const fitSeconds = (performance.now() - started) / 1000;

  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, POPULAR_LIST)
      .map(([id]) => id);
  const stored: StoredRecommender = {
    model: model.toJSON(),
    segmentPopular: Object.fromEntries([...segmentDemand.entries()].map(([k, m]) => [k, top(m)])),
    globalPopular: top(globalDemand),
  };
  const version = await storeModel(deps.models, 'recommender', stored, {
    users: sequences.length,
    items: model.size,
    fitSeconds,
  });
  return { version, users: sequences.length, items: model.size, fitSeconds };
}

export function decodeRecommender(data: unknown): ServingRecommender {
  const stored = data as StoredRecommender;
  return {
    model: loadRecommender(stored.model),
    segmentPopular: stored.segmentPopular ?? {},
    globalPopular: stored.globalPopular ?? [],
  };
}
