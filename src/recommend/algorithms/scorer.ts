import type { RecommenderParams } from './params.js';
import type { SparseRows } from './sparse-rows.js';

/** Everything the scorer needs, indexed by dense item index. */
export interface ScoringModel {
  readonly nItems: number;
  /** popularity / max popularity, in [0, 1]. */
  readonly prior: Float64Array;
  readonly transitions: SparseRows;
  readonly content: SparseRows | null;
  readonly params: ScoringParams;
}

/** Parameters applied at scoring time only (changing them needs no refit). */
export type ScoringParams = Pick<
  RecommenderParams,
  'recencyDecay' | 'historyLimit' | 'contentWeight' | 'popularityWeight'
>;

/** Per-candidate record of the history item that contributed most (for "because you viewed X"). */
export interface Attribution {
  /** Largest single-history-item contribution seen per candidate. */
  readonly best: Float64Array;
  /** Item index of that history item, -1 when none. */
  readonly source: Int32Array;
  /** Zeroed scratch of nItems used to sum one history item's contributions. */
  readonly scratch: Float64Array;
  readonly touched: Int32Array;
  /** Items reached by any history item in the last call: the only ones above the prior. */
  readonly reached: Int32Array;
  reachedCount: number;
  readonly isReached: Uint8Array;
}

export function createAttribution(nItems: number): Attribution {
  return {
    best: new Float64Array(nItems),
    source: new Int32Array(nItems).fill(-1),
    scratch: new Float64Array(nItems),
    touched: new Int32Array(nItems),
    reached: new Int32Array(nItems),
    reachedCount: 0,
    isReached: new Uint8Array(nItems),
  };
}

/**
 * Writes the score of every item for a history (oldest first) into `out`:
 *   popularityWeight * prior(j)
 *   + sum over the last historyLimit items h, r steps from the end, of
 *     recencyDecay^r * (sim(h, j) + contentWeight * content(h, j)).
 * The caller removes history items from the candidates; they are scored like any other item.
 * `attribution` receives, per candidate, the history item that contributed most, and the list of
 * reached candidates. Evaluation and serving share this one path, so offline numbers are exactly
 * what production returns.
 */
export function scoreInto(
  model: ScoringModel,
  history: ArrayLike<number>,
  out: Float64Array,
  attribution: Attribution,
): void {
  const { prior, params } = model;
  for (let j = 0; j < model.nItems; j++) out[j] = params.popularityWeight * (prior[j] ?? 0);
  // Reset only what the previous call touched: keeps a call O(reached), not O(catalogue).
  for (let c = 0; c < attribution.reachedCount; c++) {
    const j = attribution.reached[c] ?? 0;
    attribution.best[j] = 0;
    attribution.source[j] = -1;
    attribution.isReached[j] = 0;
  }
  attribution.reachedCount = 0;
  const first = Math.max(0, history.length - params.historyLimit);
  let weight = 1;
  for (let p = history.length - 1; p >= first; p--, weight *= params.recencyDecay) {
    const h = history[p] ?? -1;
    if (h < 0 || h >= model.nItems || weight === 0) continue;
    scoreOneAttributed(h, weight, model, out, attribution);
  }
}

function scoreOneAttributed(
  h: number,
  weight: number,
  model: ScoringModel,
  out: Float64Array,
  attribution: Attribution,
): void {
  const { scratch, touched, best, source, reached, isReached } = attribution;
  let count = 0;
  const collect = (rows: SparseRows, w: number): void => {
    const end = rows.offsets[h + 1] ?? 0;
    for (let e = rows.offsets[h] ?? 0; e < end; e++) {
      const j = rows.columns[e] ?? 0;
      const add = w * (rows.values[e] ?? 0);
      if (add === 0) continue;
      if (scratch[j] === 0) touched[count++] = j;
      scratch[j] = (scratch[j] ?? 0) + add;
    }
  };
  collect(model.transitions, weight);
  if (model.content && model.params.contentWeight > 0)
    collect(model.content, weight * model.params.contentWeight);
  for (let c = 0; c < count; c++) {
    const j = touched[c] ?? 0;
    const add = scratch[j] ?? 0;
    out[j] = (out[j] ?? 0) + add;
    if (isReached[j] === 0) {
      isReached[j] = 1;
      reached[attribution.reachedCount++] = j;
    }
    if (add > (best[j] ?? 0)) {
      best[j] = add;
      source[j] = h;
    }
    scratch[j] = 0;
  }
}
