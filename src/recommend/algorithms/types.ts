import type { RecommenderParams } from './params.js';

/** Interaction data the recommender is fitted on. */
export interface FitInput {
  /** One sequence per user, item ids oldest first. */
  sequences: string[][];
  /** Item id -> attribute ids (brand, categories ...), used for content similarity. */
  attributes?: Record<string, string[]>;
  /**
   * Full candidate catalogue. Items listed here or in `attributes` but absent from `sequences`
   * can still be recommended (through attributes or the popularity prior). Defaults to the union
   * of items in `sequences` and `attributes`.
   */
  items?: string[];
}

/** One recommended item. */
export interface Recommendation {
  itemId: string;
  score: number;
  /** History item that contributed most to the score ("because you viewed X"); absent for pure popularity. */
  becauseOf?: string;
}

export interface RecommendOptions {
  /** Items never to return (out of stock, bought recently ... decided by the pipeline). */
  exclude?: Set<string>;
  /** Also allow items already in the history; by default they are left out. */
  includeHistory?: boolean;
}

/** A fitted model. Scoring is pure: the same history always gives the same list. */
export interface Recommender {
  readonly params: RecommenderParams;
  /** Number of items in the catalogue. */
  readonly size: number;
  /** Top-k items for a history (oldest first); unknown history ids are ignored. */
  recommend(history: string[], k: number, opts?: RecommendOptions): Recommendation[];
  /** Most popular items, for cold start (no history). */
  popular(k: number, exclude?: Set<string>): Recommendation[];
  /** Dense index of an item id, -1 when unknown (used by the offline evaluation). */
  indexOf(itemId: string): number;
  /** Item id of a dense index. */
  itemAt(index: number): string;
  /** Scores every item index for a history of item indices (used by the offline evaluation). */
  scoreIndices(history: ArrayLike<number>, out: Float64Array): void;
  /** Plain JSON, compact: sparse neighbour lists as base64 typed arrays. */
  toJSON(): SerializedRecommender;
}

/** Serialized form produced by `toJSON` and read by `loadRecommender`. */
export interface SerializedRecommender {
  format: 'mailmind.recommender';
  version: 1;
  params: RecommenderParams;
  items: string[];
  /** Popularity counts per item (base64 Float32Array). */
  popularity: string;
  transitions: SerializedRows;
  content: SerializedRows | null;
}

export interface SerializedRows {
  offsets: string;
  columns: string;
  values: string;
}
