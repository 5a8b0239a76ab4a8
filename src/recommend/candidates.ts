import type { Recommender } from './algorithms/index.js';
import type { Candidate } from './rules.js';

export interface CandidateInput {
  model?: Recommender;
  /** Shopper's interactions, oldest first. */
  history: Array<{ productId: string; type: string }>;
  segmentPopular: string[];
  globalPopular: string[];
  triggerProductIds: string[];
  /** How many candidates to gather before rules thin them out. */
  pool: number;
}

/**
 * Collaborative filtering first; segment popularity fills in for cold-start shoppers and for thin
 * histories, so every shopper gets a full email. Scores from each source are brought onto [0, 1].
 */
export function gatherCandidates(input: CandidateInput): Candidate[] {
  const out: Candidate[] = input.triggerProductIds.map((productId, i) => ({
    productId,
    score: 10 - i * 0.01,
    reason: 'trigger' as const,
  }));
  const lastType = new Map<string, string>();
  for (const h of input.history) lastType.set(h.productId, h.type);

  if (input.model && input.history.length > 0) {
    const recs = input.model.recommend(
      input.history.map((h) => h.productId),
      input.pool,
    );
    const top = recs[0]?.score || 1;
    // Items no history item reached come from the model's popularity prior; with no prior they
    // are in catalogue order, and calling them popular would back a claim the data does not.
    const priorIsPopularity = input.model.params.popularityWeight > 0;
    for (const r of recs) {
      if (!r.becauseOf && !priorIsPopularity) continue;
      const via = r.becauseOf ? lastType.get(r.becauseOf) : undefined;
      out.push({
        productId: r.itemId,
        score: r.score / top,
        reason: r.becauseOf ? (via === 'purchase' ? 'similar_to_bought' : 'similar_to_viewed') : 'popular',
        ...(r.becauseOf ? { becauseOf: r.becauseOf } : {}),
      });
    }
  }
  // Popularity ranks below any collaborative-filtering hit, but keeps its own order.
  const weight = input.history.length > 0 ? 0.3 : 1;
  input.segmentPopular.forEach((productId, i) => {
    out.push({
      productId,
      score: weight * (1 - i / (input.segmentPopular.length + 1)),
      reason: 'segment_popular',
    });
  });
  input.globalPopular.forEach((productId, i) => {
    out.push({
      productId,
      score: 0.5 * weight * (1 - i / (input.globalPopular.length + 1)),
      reason: 'popular',
    });
  });
  return out;
}
