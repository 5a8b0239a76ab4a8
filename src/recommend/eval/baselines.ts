import { fitRecommender } from '../algorithms/index.js';
import type { FitInput, Recommender } from '../algorithms/types.js';
import type { ScoreFn } from './evaluate.js';

/**
 * Leak-free PopRec: popularity counted on the training sequences only (never on test items), the
 * same ranking for every history.
 */
export function fitPopRec(train: readonly ArrayLike<number>[], nItems: number): ScoreFn {
  const counts = new Float64Array(nItems);
  for (const seq of train)
    for (let p = 0; p < seq.length; p++) counts[seq[p] ?? 0] = (counts[seq[p] ?? 0] ?? 0) + 1;
  return (_history, out) => out.set(counts);
}

/**
 * Plain item-item cosine: co-occurrence in the same user sequence (any distance, no direction,
 * no damping) / sqrt(pop_i * pop_j), summed over the whole history with equal weights, all
 * neighbours kept. The floor the blended model must beat.
 */
export function fitItemCosine(input: FitInput): Recommender {
  const longest = input.sequences.reduce((m, s) => Math.max(m, s.length), 1);
  const catalogue = new Set([...(input.items ?? []), ...input.sequences.flat()]).size;
  return fitRecommender(input, {
    window: longest,
    distanceDecay: 1,
    forwardWeight: 1,
    backwardWeight: 1,
    lengthDamping: 0,
    sourceExponent: 0.5,
    targetExponent: 0.5,
    shrink: 0,
    neighbors: Math.max(1, catalogue),
    recencyDecay: 1,
    historyLimit: Math.max(1, longest),
    contentWeight: 0,
    popularityWeight: 0,
  });
}
