import type { Document } from 'bson';
import { isPlainObject } from './bson-values.js';
import { commandError } from './errors.js';

/**
 * Stages that mingo gets wrong, rewritten into the equivalents MongoDB documents for them before
 * the pipeline reaches mingo. Sub-pipelines ($facet, $lookup, $unionWith) are rewritten too.
 */
export function rewritePipeline(pipeline: Document[]): Document[] {
  return pipeline.flatMap((stage) => rewriteStage(stage));
}

function rewriteStage(stage: Document): Document[] {
  if (isPlainObject(stage.$bucket)) return bucketStages(stage.$bucket);
  if ('$count' in stage) return countStages(stage.$count);
  if (isPlainObject(stage.$facet)) {
    const facets: Document = {};
    for (const [name, sub] of Object.entries(stage.$facet))
      facets[name] = Array.isArray(sub) ? rewritePipeline(sub as Document[]) : sub;
    return [{ $facet: facets }];
  }
  for (const name of ['$lookup', '$unionWith']) {
    const spec = stage[name] as unknown;
    if (isPlainObject(spec) && Array.isArray(spec.pipeline)) {
      return [{ [name]: { ...spec, pipeline: rewritePipeline(spec.pipeline as Document[]) } }];
    }
  }
  return [stage];
}

/**
 * `$bucket` is `$group` on a `$switch` over the boundaries, then `$sort` by `_id`, as MongoDB
 * describes it. mingo's own puts a value equal to an inner boundary into the bucket below it and
 * emits `_id` last.
 */
function bucketStages(spec: Document): Document[] {
  const { groupBy, boundaries, output } = spec;
  if (groupBy === undefined || !Array.isArray(boundaries)) {
    throw commandError(40198, "$bucket requires 'groupBy' and 'boundaries' to be specified.");
  }
  if (boundaries.length < 2) {
    throw commandError(
      40192,
      `The $bucket 'boundaries' field must have at least 2 values, but found ${boundaries.length} value(s).`,
    );
  }
  const branches = boundaries.slice(0, -1).map((lower: unknown, i: number) => ({
    case: {
      $and: [{ $gte: [groupBy, { $literal: lower }] }, { $lt: [groupBy, { $literal: boundaries[i + 1] }] }],
    },
    then: { $literal: lower },
  }));
  const key =
    spec.default === undefined
      ? { $switch: { branches } }
      : { $switch: { branches, default: { $literal: spec.default } } };
  const accumulators = isPlainObject(output) ? output : { count: { $sum: 1 } };
  return [{ $group: { _id: key, ...accumulators } }, { $sort: { _id: 1 } }];
}

/** `$count` is `$group` + `$project` (MongoDB's definition): no input, no output document. */
function countStages(name: unknown): Document[] {
  if (typeof name !== 'string' || name === '')
    throw commandError(40156, 'the count field must be a non-empty string');
  if (name.startsWith('$')) throw commandError(40158, 'the count field cannot be a $-prefixed path');
  if (name.includes('.')) throw commandError(40160, "the count field cannot contain '.'");
  return [{ $group: { _id: null, [name]: { $sum: 1 } } }, { $project: { _id: 0 } }];
}
