import { contentNeighbors } from './content-neighbors.js';
import type { RecommenderParams } from './params.js';
import type { SparseRows } from './sparse-rows.js';
import {
  countPairs,
  itemPopularity,
  normalizeNeighbors,
  type PairCountParams,
} from './transition-neighbors.js';

/** Training data with items and attributes as dense indices. */
export interface IndexedData {
  nItems: number;
  sequences: Int32Array[];
  /** attributes[i]: attribute indices of item i. */
  attributes?: (Int32Array | undefined)[];
  nAttributes?: number;
}

/** The fitted state of the blended model. */
export interface FittedParts {
  popularity: Float64Array;
  transitions: SparseRows;
  content: SparseRows | null;
}

/**
 * Fits the model parts; a shared cache lets the tuner re-use the expensive pair count and the
 * content neighbours when only cheaper parameters changed.
 */
export class PartsFitter {
  private readonly pairCache = new Map<string, SparseRows>();
  private readonly contentCache = new Map<number, SparseRows | null>();
  private popularity: Float64Array | null = null;

  constructor(
    private readonly data: IndexedData,
    /** Raw pair counts kept at most (each is O(pairs) memory). */
    private readonly maxCachedCounts = 4,
  ) {}

  fit(params: RecommenderParams): FittedParts {
    this.popularity ??= itemPopularity(this.data.sequences, this.data.nItems);
    const raw = this.rawPairs(params);
    const transitions = normalizeNeighbors(raw, this.popularity, params);
    return { popularity: this.popularity, transitions, content: this.contentRows(params.contentNeighbors) };
  }

  private rawPairs(params: PairCountParams): SparseRows {
    const key = [
      params.window,
      params.distanceDecay,
      params.forwardWeight,
      params.backwardWeight,
      params.lengthDamping,
    ].join();
    const cached = this.pairCache.get(key);
    if (cached) return cached;
    const raw = countPairs(this.data.sequences, this.data.nItems, params);
    if (this.pairCache.size >= this.maxCachedCounts) {
      const oldest = this.pairCache.keys().next().value;
      if (oldest !== undefined) this.pairCache.delete(oldest);
    }
    this.pairCache.set(key, raw);
    return raw;
  }

  private contentRows(neighbors: number): SparseRows | null {
    const { attributes, nAttributes } = this.data;
    if (!attributes || !nAttributes) return null;
    if (!this.contentCache.has(neighbors)) {
      this.contentCache.set(
        neighbors,
        contentNeighbors(attributes, this.data.nItems, nAttributes, neighbors),
      );
    }
    return this.contentCache.get(neighbors) ?? null;
  }
}

/** One-shot fit without caching. */
export function fitParts(data: IndexedData, params: RecommenderParams): FittedParts {
  return new PartsFitter(data, 0).fit(params);
}
