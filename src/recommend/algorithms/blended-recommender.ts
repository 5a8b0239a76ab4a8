import type { FittedParts } from './fit-parts.js';
import type { RecommenderParams } from './params.js';
import { createAttribution, scoreInto, type Attribution, type ScoringModel } from './scorer.js';
import { encodeTyped, type SparseRows } from './sparse-rows.js';
import { rangeCandidates, topK } from './top-k.js';
import type {
  Recommendation,
  Recommender,
  RecommendOptions,
  SerializedRecommender,
  SerializedRows,
} from './types.js';

/**
 * Recency-weighted item-to-item transitions + attribute similarity + popularity prior, behind
 * string item ids. Scratch buffers are reused between calls, so one instance is not re-entrant
 * across threads (Node runs it on one thread, which is fine).
 */
export class BlendedRecommender implements Recommender {
  private readonly index = new Map<string, number>();
  private readonly model: ScoringModel;
  private readonly scores: Float64Array;
  private readonly candidates: Int32Array;
  private readonly popularOrder: Int32Array;
  private attribution: Attribution | null = null;

  constructor(
    private readonly items: readonly string[],
    private readonly parts: FittedParts,
    readonly params: RecommenderParams,
  ) {
    items.forEach((id, i) => this.index.set(id, i));
    const maxPop = parts.popularity.reduce((m, v) => Math.max(m, v), 0);
    const prior = parts.popularity.map((p) => (maxPop > 0 ? p / maxPop : 0));
    this.model = {
      nItems: items.length,
      prior,
      transitions: parts.transitions,
      content: parts.content,
      params,
    };
    this.scores = new Float64Array(items.length);
    this.candidates = rangeCandidates(items.length);
    this.popularOrder = Int32Array.from(topK(this.candidates, items.length, prior, items.length));
  }

  get size(): number {
    return this.items.length;
  }

  indexOf(itemId: string): number {
    return this.index.get(itemId) ?? -1;
  }

  itemAt(index: number): string {
    const id = this.items[index];
    if (id === undefined) throw new RangeError(`item index ${index} out of range`);
    return id;
  }

  scoreIndices(history: ArrayLike<number>, out: Float64Array): void {
    this.attribution ??= createAttribution(this.items.length);
    scoreInto(this.model, history, out, this.attribution);
  }

  recommend(history: string[], k: number, opts: RecommendOptions = {}): Recommendation[] {
    const indices: number[] = [];
    for (const id of history) {
      const i = this.index.get(id);
      if (i !== undefined) indices.push(i);
    }
    if (indices.length === 0) return this.popular(k, opts.exclude);
    this.attribution ??= createAttribution(this.items.length);
    const attribution = this.attribution;
    scoreInto(this.model, indices, this.scores, attribution);
    const historySet = opts.includeHistory ? null : new Set(indices);
    const exclude = opts.exclude;
    const skip = (i: number): boolean =>
      (historySet?.has(i) ?? false) || (exclude !== undefined && exclude.has(this.items[i] ?? ''));
    const best = this.selectTop(attribution, k, skip);
    return best.map((i) => {
      const source = attribution.source[i] ?? -1;
      const rec: Recommendation = { itemId: this.itemAt(i), score: this.scores[i] ?? 0 };
      if (source >= 0) rec.becauseOf = this.itemAt(source);
      return rec;
    });
  }

  /**
   * Same result as ranking the whole catalogue, in O(reached + k): items no history item reached
   * score exactly popularityWeight * prior, so the best of them come in popularity order.
   */
  private selectTop(attribution: Attribution, k: number, skip: (i: number) => boolean): number[] {
    const reached = topK(attribution.reached, attribution.reachedCount, this.scores, k, skip);
    // With no prior every unreached item scores 0 and ties go to the lower index.
    const order = this.params.popularityWeight > 0 ? this.popularOrder : this.candidates;
    const rest: number[] = [];
    for (let o = 0; o < order.length && rest.length < k; o++) {
      const i = order[o] ?? 0;
      if (attribution.isReached[i] === 0 && !skip(i)) rest.push(i);
    }
    return topK([...reached, ...rest], reached.length + rest.length, this.scores, k);
  }

  popular(k: number, exclude?: Set<string>): Recommendation[] {
    const out: Recommendation[] = [];
    for (const i of this.popularOrder) {
      if (out.length >= k) break;
      const id = this.itemAt(i);
      if (exclude?.has(id)) continue;
      // Score is popularity relative to the most popular item, in [0, 1].
      out.push({ itemId: id, score: this.model.prior[i] ?? 0 });
    }
    return out;
  }

  toJSON(): SerializedRecommender {
    return {
      format: 'mailmind.recommender',
      version: 1,
      params: { ...this.params },
      items: [...this.items],
      popularity: encodeTyped(Float32Array.from(this.parts.popularity)),
      transitions: serializeRows(this.parts.transitions),
      content: this.parts.content ? serializeRows(this.parts.content) : null,
    };
  }
}

function serializeRows(rows: SparseRows): SerializedRows {
  return {
    offsets: encodeTyped(rows.offsets),
    columns: encodeTyped(rows.columns),
    values: encodeTyped(rows.values),
  };
}
