import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Models } from '../db/models/index.js';
import type { StoredModelCache } from '../shared/stored-model-cache.js';
import { gatherCandidates } from './candidates.js';
import { loadHistory, type HistoryItem } from './history-loader.js';
import type { ServingRecommender } from './recommender-training.js';
import { applyRules, type RulePick } from './rules.js';

export interface RecommendDeps {
  models: Models;
  catalog: ProductCatalog;
  recommender: StoredModelCache<ServingRecommender>;
  settings: { count: number; maxPerCategory: number; recentPurchaseDays: number };
  now?: () => Date;
  /** Reads a shopper's history (the pipeline batches these); defaults to one query per shopper. */
  loadHistory?: (customerId: string) => Promise<HistoryItem[]>;
}

/** Arms of the per-segment strategy bandit (used once a recommender is trained). */
export const RECOMMEND_STRATEGIES = ['cf-blend', 'segment-popularity', 'popular'] as const;
export type RecommendStrategy = (typeof RECOMMEND_STRATEGIES)[number];

export interface RecommendRequest {
  customerId: string;
  segment: number | null;
  priceBand?: 'budget' | 'mid' | 'premium';
  topCategories?: string[];
  triggerProductIds?: string[];
  /** Never pick these (e.g. what a post-purchase email follows up on). */
  exclude?: string[];
  /**
   * Strategy chosen by the bandit: cf-blend (collaborative filtering, popularity fills in),
   * segment-popularity (the segment's best sellers only) or popular (store-wide best sellers only).
   */
  strategy?: RecommendStrategy;
}

export interface RecommendResult {
  picks: RulePick[];
  strategy: string;
}

export async function recommendFor(deps: RecommendDeps, req: RecommendRequest): Promise<RecommendResult> {
  const now = deps.now?.() ?? new Date();
  const [history, served, byId, priceCuts] = await Promise.all([
    deps.loadHistory ? deps.loadHistory(req.customerId) : loadHistory(deps.models, req.customerId),
    deps.recommender.get(),
    deps.catalog.byId(),
    deps.catalog.priceCuts(),
  ]);
  const recentCutoff = now.getTime() - deps.settings.recentPurchaseDays * 86_400_000;
  const recentlyBought = new Set(
    history.filter((h) => h.type === 'purchase' && h.at.getTime() >= recentCutoff).map((h) => h.productId),
  );
  const segmentKey = req.segment === null ? 'none' : String(req.segment);
  // Before the first training, shoppers still get in-stock products from the categories they like.
  const fallbackPopular = served
    ? []
    : [...byId.values()]
        .filter((p) => p.stock > 0)
        .sort(
          (a, b) =>
            rankOf(req.topCategories, a.category) - rankOf(req.topCategories, b.category) ||
            a.sku.localeCompare(b.sku),
        )
        .map((p) => p.id)
        .slice(0, 50);
  const arm = served ? req.strategy : undefined;
  const useCf = arm === undefined || arm === 'cf-blend';
  const candidates = gatherCandidates({
    model: useCf ? served?.value.model : undefined,
    history: useCf ? history : [],
    segmentPopular: arm === 'popular' ? [] : (served?.value.segmentPopular[segmentKey] ?? []),
    globalPopular: served ? served.value.globalPopular : fallbackPopular,
    triggerProductIds: req.triggerProductIds ?? [],
    pool: 60,
  });
  const picks = applyRules(candidates, {
    lookup: (id) => byId.get(id),
    count: deps.settings.count,
    maxPerCategory: deps.settings.maxPerCategory,
    recentlyBought,
    exclude: new Set(req.exclude ?? []),
    priceBand: req.priceBand,
    priceCuts,
  });
  const strategy = !served
    ? 'catalog-fallback'
    : (arm ?? (history.length === 0 ? 'segment-popularity' : 'cf-blend'));
  return { picks, strategy };
}

function rankOf(list: string[] | undefined, value: string): number {
  const i = list?.indexOf(value) ?? -1;
  return i === -1 ? 99 : i;
}
