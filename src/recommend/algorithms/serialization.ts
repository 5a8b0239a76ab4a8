import { z } from 'zod';
import { BlendedRecommender } from './blended-recommender.js';
import { recommenderParamsSchema } from './params.js';
import { decodeFloat32, decodeInt32, type SparseRows } from './sparse-rows.js';
import type { Recommender, SerializedRecommender, SerializedRows } from './types.js';

const rowsSchema = z.object({ offsets: z.string(), columns: z.string(), values: z.string() });

/** The schema a stored model must match before it is trusted. */
export const serializedRecommenderSchema = z.object({
  format: z.literal('mailmind.recommender'),
  version: z.literal(1),
  params: recommenderParamsSchema,
  items: z.array(z.string()),
  popularity: z.string(),
  transitions: rowsSchema,
  content: rowsSchema.nullable(),
});

/** Rebuilds a model from `toJSON()` output; recommendations are identical to the original's. */
export function loadRecommender(json: SerializedRecommender | unknown): Recommender {
  const parsed = serializedRecommenderSchema.parse(json);
  const n = parsed.items.length;
  const popularity = Float64Array.from(decodeFloat32(parsed.popularity));
  if (popularity.length !== n) throw new Error(`popularity has ${popularity.length} entries for ${n} items`);
  const transitions = decodeRows(parsed.transitions, n, 'transitions');
  const content = parsed.content ? decodeRows(parsed.content, n, 'content') : null;
  return new BlendedRecommender(parsed.items, { popularity, transitions, content }, parsed.params);
}

function decodeRows(rows: SerializedRows, n: number, name: string): SparseRows {
  const decoded = {
    offsets: decodeInt32(rows.offsets),
    columns: decodeInt32(rows.columns),
    values: decodeFloat32(rows.values),
  };
  // A corrupt model would otherwise read out of bounds silently.
  const nnz = decoded.offsets[n] ?? -1;
  if (decoded.offsets.length !== n + 1 || nnz !== decoded.columns.length || nnz !== decoded.values.length) {
    throw new Error(`serialized ${name} rows do not match ${n} items`);
  }
  for (const c of decoded.columns)
    if (c < 0 || c >= n) throw new Error(`serialized ${name} column ${c} out of range`);
  return decoded;
}
