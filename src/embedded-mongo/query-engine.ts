import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { isPlainObject, type CollationLike, type Doc } from './bson-values.js';
import type { Collection } from './collection.js';
import { commandError } from './errors.js';
import { compileFilter, computeOptions } from './matcher.js';
import { candidateDocs } from './query-planner.js';
import { parseSort, sortDocs, TopK } from './sort.js';

export function collationOf(command: Document): CollationLike | undefined {
  const c = command.collation as CollationLike | undefined;
  return c && c.locale !== 'simple' ? c : undefined;
}

export interface MatchOptions {
  filter?: Document;
  sort?: Document;
  skip?: number;
  limit?: number;
  collation?: CollationLike;
  /** The command's `let` variables. */
  variables?: Document;
}

/**
 * Filter, sort, skip and limit over a collection; returns stored documents (do not mutate).
 * Unsorted reads stop at skip + limit; a sort with a limit keeps only the best skip + limit
 * (top-k) unless the candidates already come in sort order.
 */
export function findDocs(coll: Collection | undefined, options: MatchOptions): Doc[] {
  const predicate = compileFilter(options.filter, options.collation, options.variables);
  const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : undefined;
  const spec = sort ? parseSort(sort) : undefined;
  if (!coll) return [];
  const skip = options.skip ?? 0;
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const want = skip + limit;
  const { docs, sorted } = candidateDocs(coll, options.filter, options.collation, sort, want);
  if (!spec || sorted) {
    const out: Doc[] = [];
    for (const doc of docs) {
      if (!predicate(doc)) continue;
      out.push(doc);
      if (out.length >= want) break;
    }
    return skip > 0 ? out.slice(skip) : out;
  }
  if (want !== Infinity && spec.natural === 0) {
    const top = new TopK(want, spec.fields, options.collation);
    for (const doc of docs) if (predicate(doc)) top.offer(doc);
    return top.sorted().slice(skip);
  }
  const out: Doc[] = [];
  for (const doc of docs) if (predicate(doc)) out.push(doc);
  sortDocs(out, sort as Document, options.collation);
  return out.slice(skip, want === Infinity ? undefined : want);
}

/** Applies a find projection (mingo handles inclusion, exclusion, $slice and $elemMatch). */
export function projectDocs(docs: Doc[], projection: Document | undefined, filter?: Document): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  for (const value of Object.values(projection)) {
    if (isPlainObject(value) && '$meta' in value) {
      throw commandError(2, '$meta projection is not supported by the embedded MongoDB test server');
    }
  }
  const simple = simpleProjection(projection);
  if (simple) return docs.map(simple);
  const elemMatch = elemMatchProjection(projection);
  if (elemMatch) {
    const base = elemMatch.rest
      ? projectDocs(docs, elemMatch.rest, filter)
      : docs.map((doc) => (elemMatch.keepId && doc._id !== undefined ? { _id: doc._id } : {}));
    return base.map((doc, i) => elemMatch.apply(doc, docs[i] as Doc));
  }
  try {
    const query = new Query(positionalCondition(projection, filter), computeOptions());
    const projected = query.find<Doc>(docs, projection).all();
    return projected.map((doc, i) => inDocumentOrder(doc, docs[i]));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw commandError(31254, message);
  }
}

/**
 * Top-level-only inclusion or exclusion (`{a: 1, b: 1}`, `{a: 0}`, `_id` either way), the
 * projections mongoose's `select()` sends, answered without mingo. Dotted paths, operators,
 * literals and mixed specs return undefined and go through mingo, which also reports errors.
 */
export function simpleProjection(projection: Document): ((doc: Doc) => Doc) | undefined {
  let include: boolean | undefined;
  let keepId = true;
  const fields = new Set<string>();
  for (const [key, value] of Object.entries(projection)) {
    if (key.includes('.') || key.startsWith('$')) return undefined;
    if (typeof value !== 'number' && typeof value !== 'boolean') return undefined;
    const on = value !== 0 && value !== false;
    if (key === '_id') {
      keepId = on;
      continue;
    }
    if (include !== undefined && include !== on) return undefined;
    include = on;
    fields.add(key);
  }
  if (include === undefined) {
    // Only `_id`: `{_id: 0}` excludes it, `{_id: 1}` keeps nothing else.
    return keepId
      ? (doc) => (doc._id === undefined ? {} : { _id: doc._id })
      : (doc) => omit(doc, new Set(['_id']));
  }
  if (include) {
    if (keepId) fields.add('_id');
    return (doc) => {
      const out: Doc = {};
      for (const key of Object.keys(doc)) if (fields.has(key)) out[key] = doc[key];
      return out;
    };
  }
  if (!keepId) fields.add('_id');
  return (doc) => omit(doc, fields);
}

function omit(doc: Doc, fields: Set<string>): Doc {
  const out: Doc = {};
  for (const key of Object.keys(doc)) if (!fields.has(key)) out[key] = doc[key];
  return out;
}

/** mongod returns projected fields in the stored document's order, `_id` first. */
function inDocumentOrder(projected: Doc, original: Doc | undefined): Doc {
  if (!original) return projected;
  const out: Doc = {};
  for (const key of Object.keys(original)) if (key in projected) out[key] = projected[key];
  for (const key of Object.keys(projected)) if (!(key in out)) out[key] = projected[key];
  return out;
}

/**
 * `{field: {$elemMatch: query}}` projections, answered with our matcher (mingo's refuses
 * operator-only queries on arrays of scalars). Since MongoDB 4.4 these fields come after the
 * other projected fields. The rest of the projection is returned for the usual path; an
 * exclusion-only remainder would be a mix mongod refuses, so that stays with mingo too.
 */
function elemMatchProjection(
  projection: Document,
): { rest?: Document; keepId: boolean; apply: (projected: Doc, original: Doc) => Doc } | undefined {
  const specs: Array<[string, (doc: Doc) => boolean]> = [];
  const rest: Document = {};
  for (const [key, value] of Object.entries(projection)) {
    if (isPlainObject(value) && '$elemMatch' in value && !key.includes('.')) {
      specs.push([key, compileFilter({ v: { $elemMatch: value.$elemMatch } })]);
    } else rest[key] = value;
  }
  if (specs.length === 0) return undefined;
  const restKeys = Object.keys(rest);
  const exclusion = restKeys.some((k) => k !== '_id' && (rest[k] === 0 || rest[k] === false));
  if (exclusion) return undefined;
  // Only `$elemMatch` fields (and maybe `_id`): everything else is left out.
  const only = restKeys.every((k) => k === '_id');
  return {
    rest: only ? undefined : rest,
    keepId: rest._id !== 0 && rest._id !== false,
    apply: (projected, original) => {
      const out: Doc = { ...projected };
      for (const [key, test] of specs) {
        const list = original[key];
        if (!Array.isArray(list)) continue;
        const hit = list.find((item) => test({ v: [item] }));
        if (hit !== undefined) out[key] = [hit];
      }
      return out;
    },
  };
}

/** The positional projection `a.$` needs the query that matched the array. */
function positionalCondition(projection: Document, filter?: Document): Document {
  return Object.keys(projection).some((k) => k.endsWith('.$')) && filter ? filter : {};
}
