import { Decimal128, Double, Long, ObjectId, type Document } from 'bson';
import * as mingoUpdateOps from 'mingo/operators/update';
import { update as mingoUpdate, updateOne as mingoPipelineUpdate } from 'mingo/updater';
import {
  canonicalKey,
  cloneValue,
  compareValues,
  isPlainObject,
  toNumber,
  type CollationLike,
  type Doc,
} from './bson-values.js';
import { getPath } from './doc-paths.js';
import {
  copyOnWriteApplies,
  crossesArray,
  ownPath,
  setPath as writePath,
  unsetPath as removePath,
} from './doc-writes.js';
import { commandError, failedToParse } from './errors.js';
import { formatValue } from './format.js';
import { callOptions, queryOptions, type ComputeOptions } from './matcher.js';
import { pushResult } from './push-op.js';
import { validateTargets } from './update-checks.js';

export interface UpdateContext {
  filter: Document;
  arrayFilters?: Document[];
  collation?: CollationLike;
  /** The command's `let` variables, for pipeline-style updates. */
  variables?: Document;
  /** True while building the document an upsert inserts: `$setOnInsert` applies only then. */
  inserting: boolean;
}

export function isOperatorUpdate(update: Document | Document[]): boolean {
  if (Array.isArray(update)) return false;
  const keys = Object.keys(update);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** Returns the updated copy of `doc`; the stored document is left untouched. */
export function applyUpdate(doc: Doc, update: Document | Document[], ctx: UpdateContext): Doc {
  if (Array.isArray(update)) return applyPipeline(doc, update, ctx);
  const keys = Object.keys(update);
  if (keys.length > 0 && keys.some((k) => k.startsWith('$'))) return applyOperators(doc, update, ctx);
  return applyReplacement(doc, update);
}

function applyReplacement(doc: Doc, replacement: Document): Doc {
  for (const key of Object.keys(replacement)) {
    if (key.startsWith('$'))
      throw commandError(
        52,
        `The dollar ($) prefixed field '${key}' in '${key}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
      );
  }
  if (
    replacement._id !== undefined &&
    doc._id !== undefined &&
    canonicalKey(replacement._id) !== canonicalKey(doc._id)
  ) {
    throw commandError(
      66,
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(replacement._id)}`,
    );
  }
  const out: Doc = doc._id === undefined ? {} : { _id: doc._id };
  for (const [key, value] of Object.entries(replacement)) if (key !== '_id') out[key] = cloneValue(value);
  if (doc._id === undefined && replacement._id !== undefined) return { _id: replacement._id, ...out };
  return out;
}

function applyPipeline(doc: Doc, pipeline: Document[], ctx: UpdateContext): Doc {
  const docs = [cloneValue(doc)];
  try {
    mingoPipelineUpdate(
      docs,
      {},
      pipeline as never,
      { collation: ctx.collation as never, let: ctx.variables },
      queryOptions(ctx.collation),
    );
  } catch (error) {
    throw commandError(2, error instanceof Error ? error.message : String(error));
  }
  const out = docs[0] as Doc;
  checkIdUnchanged(doc, out);
  return out;
}

function checkIdUnchanged(before: Doc, after: Doc): void {
  if (before._id !== undefined && canonicalKey(after._id) !== canonicalKey(before._id)) {
    throw commandError(66, "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
}
const isPositional = (path: string): boolean => path.includes('$');

function numericResult(op: '$inc' | '$mul', current: unknown, amount: unknown): unknown {
  if (current === undefined) return op === '$inc' ? amount : zeroLike(amount);
  if (current instanceof Decimal128 || amount instanceof Decimal128) {
    const value = op === '$inc' ? toNumber(current) + toNumber(amount) : toNumber(current) * toNumber(amount);
    return Decimal128.fromString(String(value));
  }
  if (current instanceof Long || amount instanceof Long) {
    const a = Long.fromValue(current as never);
    const b = Long.fromValue(amount as never);
    if (typeof current === 'number' && !Number.isInteger(current))
      return op === '$inc' ? current + toNumber(amount) : current * toNumber(amount);
    if (typeof amount === 'number' && !Number.isInteger(amount))
      return op === '$inc' ? toNumber(current) + amount : toNumber(current) * amount;
    return op === '$inc' ? a.add(b) : a.multiply(b);
  }
  const x = toNumber(current);
  const y = toNumber(amount);
  const result = op === '$inc' ? x + y : x * y;
  // A double stays a double even when the result is whole.
  if ((current instanceof Double || amount instanceof Double) && Number.isInteger(result))
    return new Double(result);
  return result;
}

function zeroLike(amount: unknown): unknown {
  if (amount instanceof Long) return Long.ZERO;
  if (amount instanceof Decimal128) return Decimal128.fromString('0');
  return 0;
}

/** The update was parsed once by `checkUpdateSpec` (update-checks.ts) before any document. */
function applyOperators(doc: Doc, update: Document, ctx: UpdateContext): Doc {
  validateTargets(doc, update);
  const cow = copyOnWriteApplies(doc, update);
  const out = cow ? { ...doc } : cloneValue(doc);
  const setPath = (target: Doc, path: string, value: unknown): void => {
    if (cow) ownPath(target, path);
    writePath(target, path, value);
  };
  const unsetPath = (target: Doc, path: string): void => {
    if (cow) ownPath(target, path);
    removePath(target, path);
  };
  const rest: Document = {};
  for (const [op, argsRaw] of Object.entries(update)) {
    const args = argsRaw as Document;
    if (op === '$setOnInsert') {
      if (ctx.inserting)
        for (const [path, value] of Object.entries(args)) setPath(out, path, cloneValue(value));
      continue;
    }
    if (op === '$inc' || op === '$mul') {
      const positional: Document = {};
      for (const [path, amount] of Object.entries(args)) {
        if (isPositional(path)) positional[path] = amount;
        else setPath(out, path, numericResult(op, getPath(out, path), amount));
      }
      if (Object.keys(positional).length > 0) rest[op] = positional;
      continue;
    }
    if (op === '$min' || op === '$max') {
      const positional: Document = {};
      for (const [path, value] of Object.entries(args)) {
        if (isPositional(path)) {
          positional[path] = value;
          continue;
        }
        const current = getPath(out, path);
        const c = current === undefined ? 1 : compareValues(value, current);
        if (op === '$min' ? c < 0 : c > 0) setPath(out, path, cloneValue(value));
      }
      if (Object.keys(positional).length > 0) rest[op] = positional;
      continue;
    }
    if (op === '$push') {
      const positional: Document = {};
      for (const [path, spec] of Object.entries(args)) {
        if (isPositional(path)) positional[path] = spec;
        else setPath(out, path, pushResult(getPath(out, path), spec));
      }
      if (Object.keys(positional).length > 0) rest[op] = positional;
      continue;
    }
    if (op === '$addToSet') {
      // mingo copies `$each` verbatim onto a missing field; MongoDB de-duplicates it.
      const positional: Document = {};
      for (const [path, spec] of Object.entries(args)) {
        if (isPositional(path)) {
          positional[path] = spec;
          continue;
        }
        const each = isPlainObject(spec) && Array.isArray(spec.$each) ? spec.$each : [spec];
        const current = getPath(out, path);
        const list = Array.isArray(current) ? current : [];
        for (const value of each) {
          if (!list.some((v) => compareValues(v, value) === 0)) list.push(cloneValue(value));
        }
        if (!Array.isArray(current)) setPath(out, path, list);
      }
      if (Object.keys(positional).length > 0) rest[op] = positional;
      continue;
    }
    if (op === '$set' || op === '$unset') {
      // Plain paths through documents are set or removed here; positional paths and paths
      // through arrays (padding, `$[]`) go to mingo. `_id` was checked unchanged by validateTargets.
      const leftover: Document = {};
      for (const [path, value] of Object.entries(args)) {
        if (op === '$set' && path === '_id') continue;
        if (isPositional(path) || crossesArray(out, path)) leftover[path] = value;
        else if (op === '$set') setPath(out, path, cloneValue(value));
        else unsetPath(out, path);
      }
      if (Object.keys(leftover).length > 0) rest[op] = leftover;
      continue;
    }
    rest[op] = args;
  }
  if (Object.keys(rest).length > 0) runMingo(out, rest, ctx);
  checkIdUnchanged(doc, out);
  return out;
}

type MingoUpdateOp = (
  expr: Document,
  arrayFilters: Document[],
  options: ComputeOptions,
) => (doc: Document) => string[];
const MINGO_UPDATE_OPS = mingoUpdateOps as unknown as Record<string, MingoUpdateOp>;

/**
 * Applies the operators mingo handles. Its `update()` entry point rebuilds its operator context
 * and re-tests the filter on every call; the document here already matched (or is an upsert
 * seed, which MongoDB updates whether or not it matches), so the operators run directly on
 * options that share one context. The filter still goes in as `condition` for positional `$`.
 */
function runMingo(doc: Doc, modifier: Document, ctx: UpdateContext): void {
  try {
    const options = callOptions(ctx.collation);
    if (!options) {
      mingoUpdate(doc, modifier as never, ctx.arrayFilters, ctx.filter as never, {
        cloneMode: 'deep',
        queryOptions: queryOptions(ctx.collation),
      });
      return;
    }
    options.update({ condition: ctx.filter, updateConfig: { cloneMode: 'deep' } });
    const arrayFilters = ctx.arrayFilters ?? [];
    const steps = Object.entries(modifier).map(([op, expr]) => {
      const fn = MINGO_UPDATE_OPS[op];
      if (!fn) throw failedToParse(`Unknown modifier: ${op}`);
      return fn(expr as Document, arrayFilters, options);
    });
    for (const step of steps) step(doc);
  } catch (error) {
    if (error instanceof Error && error.name === 'MongoCommandError') throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes("'.$'") || message.includes('positional operator')) {
      throw commandError(2, 'The positional operator did not find the match needed from the query.');
    }
    throw commandError(2, message);
  }
}

/**
 * The document an upsert starts from: the equality fields of the filter (top level and inside
 * `$and`), as MongoDB seeds it.
 */
export function upsertSeed(filter: Document): Doc {
  const seed: Doc = {};
  const visit = (f: Document): void => {
    for (const [key, value] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const part of value) if (isPlainObject(part)) visit(part);
        continue;
      }
      if (key.startsWith('$')) continue;
      let v: unknown = value;
      if (isPlainObject(value)) {
        const keys = Object.keys(value);
        if (keys.length === 1 && keys[0] === '$eq') v = value.$eq;
        else if (keys.some((k) => k.startsWith('$'))) continue;
      }
      if (v instanceof RegExp) continue;
      writePath(seed, key, cloneValue(v));
    }
  };
  visit(filter);
  return seed;
}

/** Puts `_id` first, generating an ObjectId when the document has none. */
export function withId(doc: Doc): Doc {
  if (doc._id !== undefined) {
    if (Object.keys(doc)[0] === '_id') return doc;
    const { _id, ...rest } = doc;
    return { _id, ...rest };
  }
  return { _id: new ObjectId(), ...doc };
}
