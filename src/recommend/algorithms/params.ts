import { z } from 'zod';

/**
 * Hyper-parameters of the blended recommender. The defaults were tuned on the validation targets
 * of Amazon Beauty (see scripts/eval-recs.ts); `tuneRecommender` re-tunes them on any dataset.
 */
export const recommenderParamsSchema = z.object({
  /** Largest distance between two items of one training sequence that still counts as a pair. */
  window: z.number().int().min(1),
  /** Pair weight multiplier per extra step of distance: adjacent items count most. */
  distanceDecay: z.number().min(0).max(1),
  /** Weight of a pair where the candidate came after the source item (the next-item direction). */
  forwardWeight: z.number().min(0),
  /** Weight of a pair where the candidate came before the source item. */
  backwardWeight: z.number().min(0),
  /** Each sequence's pairs are divided by length^lengthDamping so heavy users do not dominate. */
  lengthDamping: z.number().min(0),
  /** Similarity divides by popularity(source)^sourceExponent (asymmetric cosine). */
  sourceExponent: z.number().min(0),
  /** Similarity divides by popularity(candidate)^targetExponent: damps blockbuster items. */
  targetExponent: z.number().min(0),
  /** Added to the similarity denominator so pairs seen once between rare items do not dominate. */
  shrink: z.number().min(0),
  /** Neighbours kept per item (the model stores sparse lists, never a dense matrix). */
  neighbors: z.number().int().min(1),
  /** Weight of a history item = recencyDecay^(steps from the end of the history). */
  recencyDecay: z.number().min(0).max(1),
  /** Only the last historyLimit history items are used. */
  historyLimit: z.number().int().min(1),
  /** Weight of attribute (content) similarity relative to the transition similarity. */
  contentWeight: z.number().min(0),
  /** Attribute neighbours kept per item. */
  contentNeighbors: z.number().int().min(1),
  /** Weight of the popularity prior (popularity / max popularity); also breaks ties. */
  popularityWeight: z.number().min(0),
});

export type RecommenderParams = z.infer<typeof recommenderParamsSchema>;

/** Tuned on Amazon Beauty validation targets (never test targets). */
export const DEFAULT_PARAMS: Readonly<RecommenderParams> = Object.freeze({
  window: 20,
  distanceDecay: 0.9,
  forwardWeight: 1,
  backwardWeight: 0,
  lengthDamping: 0.25,
  sourceExponent: 0,
  targetExponent: 0.25,
  shrink: 3,
  neighbors: 800,
  recencyDecay: 0.5,
  historyLimit: 5,
  contentWeight: 0.7,
  contentNeighbors: 100,
  popularityWeight: 0.1,
});

export function resolveParams(params: Partial<RecommenderParams> = {}): RecommenderParams {
  return recommenderParamsSchema.parse({ ...DEFAULT_PARAMS, ...params });
}
