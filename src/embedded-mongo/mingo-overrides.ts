import type { Document } from 'bson';
import { Lazy } from 'mingo/lazy';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import { canonicalKey, isPlainObject, type CollationLike, type Doc } from './bson-values.js';
import { pathValues } from './doc-paths.js';
import { commandError } from './errors.js';

/*
 * Operators and stages where mingo's answer differs from MongoDB's, replaced in the operator
 * context that `queryOptions` (matcher.ts) builds.
 */

const NO_BRANCH = {};
type ExpressionOp = (obj: Document, expr: unknown, options: Options) => unknown;

/** MongoDB fails a `$switch` that matches no branch and has no default; mingo returns null. */
export const strictSwitch: ExpressionOp = (obj, expr, options) => {
  const base = (expressionOps as unknown as Record<string, ExpressionOp>).$switch as ExpressionOp;
  if (!isPlainObject(expr) || 'default' in expr) return base(obj, expr, options);
  const out = base(obj, { ...expr, default: { $literal: NO_BRANCH } }, options);
  if (out === NO_BRANCH) {
    throw commandError(
      40066,
      '$switch could not find a matching branch for an input, and no default was specified.',
    );
  }
  return out;
};

interface LazyLike {
  map(fn: (doc: Doc) => Doc): LazyLike;
  transform(fn: (docs: Doc[]) => unknown): LazyLike;
  filter(fn: (doc: Doc | undefined) => boolean): LazyLike;
}
type PipelineOp = (coll: LazyLike, expr: Document, options: Options) => LazyLike;
const mingoOps = pipelineOps as unknown as Record<string, PipelineOp>;
const mingoLookup = mingoOps.$lookup as PipelineOp;
const mingoRedact = mingoOps.$redact as PipelineOp;

/** `$sample` without replacement and never more than the input holds; mingo drew with replacement. */
export const sampleStage: PipelineOp = (coll, expr) => {
  const size = expr.size as unknown;
  if (size === undefined) throw commandError(28749, '$sample stage must specify a size');
  const n = Number(size);
  if (!Number.isFinite(n)) throw commandError(28746, 'size argument to $sample must be a number');
  if (n < 0) throw commandError(28747, 'size argument to $sample must not be negative');
  return coll.transform((docs) => {
    const pool = docs.slice();
    const take = Math.min(Math.floor(n), pool.length);
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(Math.random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as Doc, pool[i] as Doc];
    }
    return Lazy(pool.slice(0, take));
  });
};

/** A document whose top level is `$$PRUNE`d leaves the stream; mingo passed on `undefined`. */
export const redactStage: PipelineOp = (coll, expr, options) =>
  mingoRedact(coll, expr, options).filter((doc) => doc !== undefined);

/**
 * The equality form of `$lookup` (`localField`/`foreignField`, no `pipeline`) with MongoDB's
 * matching: a local array matches on any of its elements, a foreign array on any element or as
 * a whole, missing matches null, and results keep the foreign collection's order without
 * duplicates. mingo's own put `null` into `as` for local array elements that matched nothing.
 * The other forms go to mingo.
 */
export const equalityLookup: PipelineOp = (coll, expr, options) => {
  const { from, localField, foreignField, as } = expr;
  if (typeof localField !== 'string' || typeof foreignField !== 'string' || expr.pipeline !== undefined)
    return mingoLookup(coll, expr, options);
  if (typeof from !== 'string' || typeof as !== 'string')
    throw commandError(40321, "$lookup requires 'from' and 'as' to be strings");
  const resolver = options.collectionResolver;
  const foreign = (resolver ? resolver(from) : []) as Doc[];
  const collation = options.collation as CollationLike | undefined;
  const byKey = new Map<string, number[]>();
  foreign.forEach((doc, position) => {
    for (const key of keysOf(doc, foreignField, true, collation)) {
      const list = byKey.get(key);
      if (list) list.push(position);
      else byKey.set(key, [position]);
    }
  });
  return coll.map((doc) => {
    const hits = new Set<number>();
    for (const key of keysOf(doc, localField, false, collation))
      for (const position of byKey.get(key) ?? []) hits.add(position);
    const joined = [...hits].sort((a, b) => a - b).map((i) => foreign[i] as Doc);
    return { ...doc, [as]: joined };
  });
};

/** Keys a document offers at `path`; foreign sides also offer whole arrays, as `$eq` matches them. */
function keysOf(doc: Doc, path: string, wholeArrays: boolean, collation?: CollationLike): Set<string> {
  const values = pathValues(doc, path);
  const keys = new Set<string>();
  if (values.length === 0) keys.add(canonicalKey(null));
  for (const value of values) {
    // An empty array at the end of the path reads as undefined. Locally it joins as null (mongod
    // finds no value there and looks up null); a foreign empty array is not null, as `{f: null}`
    // does not match `f: []`, and only matches as a whole array below.
    if (value === undefined && wholeArrays) continue;
    keys.add(canonicalKey(value, collation));
  }
  if (wholeArrays) {
    let whole: unknown = doc;
    for (const part of path.split('.')) whole = (whole as Doc | undefined)?.[part];
    if (Array.isArray(whole)) keys.add(canonicalKey(whole, collation));
  }
  return keys;
}
