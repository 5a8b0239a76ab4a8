import { BlendedRecommender } from './blended-recommender.js';
import { encodeInput } from './encode-input.js';
import { fitParts } from './fit-parts.js';
import { resolveParams, type RecommenderParams } from './params.js';
import type { FitInput, Recommender } from './types.js';

export { DEFAULT_PARAMS, recommenderParamsSchema, resolveParams, type RecommenderParams } from './params.js';
export { loadRecommender, serializedRecommenderSchema } from './serialization.js';
export { tuneRecommender, type TuneOptions, type TuneResult } from './tune.js';
export type {
  FitInput,
  Recommendation,
  RecommendOptions,
  Recommender,
  SerializedRecommender,
} from './types.js';

/** Fits the blended recommender on per-user sequences (oldest first); missing params use the tuned defaults. */
export function fitRecommender(input: FitInput, params?: Partial<RecommenderParams>): Recommender {
  const resolved = resolveParams(params);
  const { items, data } = encodeInput(input);
  return new BlendedRecommender(items, fitParts(data, resolved), resolved);
}
