import type { Document } from 'bson';
import * as pipelineOps from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import { isPlainObject, type Doc } from './bson-values.js';

/*
 * Field order of aggregation output where mongod defines it and mingo differs: `$project` keeps
 * the input document's order for included fields with `_id` first and appends computed fields
 * in spec order (mingo sorts them and puts `_id` last); `$bucketAuto` emits `_id` first.
 */

interface LazyLike {
  map(fn: (doc: Doc) => Doc): LazyLike;
}
type PipelineOp = (coll: LazyLike, expr: Document, options: Options) => LazyLike;
const mingoOps = pipelineOps as unknown as Record<string, PipelineOp>;
const mingoProject = mingoOps.$project as PipelineOp;
const mingoBucketAuto = mingoOps.$bucketAuto as PipelineOp;

/** A spec value that computes a field rather than including or excluding it. */
function isComputed(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return false;
  if (!isPlainObject(value)) return true;
  const keys = Object.keys(value);
  return keys.length === 0 || keys.some((k) => k.startsWith('$'));
}

/** Top-level names of a `$project` spec, and which of them are computed at the top level. */
function projectShape(spec: Document): { names: string[]; computed: Set<string> } {
  const names: string[] = [];
  const computed = new Set<string>();
  for (const [path, value] of Object.entries(spec)) {
    const dot = path.indexOf('.');
    const name = dot < 0 ? path : path.slice(0, dot);
    if (!names.includes(name)) names.push(name);
    if (dot < 0 && isComputed(value)) computed.add(name);
  }
  return { names, computed };
}

function isExclusion(spec: Document): boolean {
  return (
    Object.entries(spec).every(([k, v]) => (v === 0 || v === false) && k.length > 0) &&
    Object.keys(spec).length > 0
  );
}

export const orderedProject: PipelineOp = (coll, expr, options) => {
  if (!isPlainObject(expr) || isExclusion(expr)) return mingoProject(coll, expr, options);
  const { names, computed } = projectShape(expr);
  // $project maps one document to one, in order: remember each input until its output arrives.
  const pending: Doc[] = [];
  const tapped = coll.map((doc) => {
    pending.push(doc);
    return doc;
  });
  return mingoProject(tapped, expr, options).map((out) => {
    const input = pending.shift();
    if (!input || !isPlainObject(out)) return out;
    const ordered: Doc = {};
    if ('_id' in out) ordered._id = out._id;
    for (const key of Object.keys(input))
      if (key !== '_id' && key in out && !computed.has(key)) ordered[key] = out[key];
    for (const key of names) if (key in out && !(key in ordered)) ordered[key] = out[key];
    for (const key of Object.keys(out)) if (!(key in ordered)) ordered[key] = out[key];
    return ordered;
  });
};

export const orderedBucketAuto: PipelineOp = (coll, expr, options) =>
  mingoBucketAuto(coll, expr, options).map((out) => {
    if (!isPlainObject(out) || !('_id' in out) || Object.keys(out)[0] === '_id') return out;
    const { _id, ...rest } = out;
    return { _id, ...rest };
  });
