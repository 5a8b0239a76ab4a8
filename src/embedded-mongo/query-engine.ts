import type { Document } from 'bson';
import { Query } from 'mingo/query';
import {
  canonicalKey,
  compareValues,
  foldString,
  isPlainObject,
  type CollationLike,
  type Doc,
} from './bson-values.js';
import type { Collection } from './collection.js';
import { pathValues } from './doc-paths.js';
import { badValue, commandError } from './errors.js';
import { compileFilter, queryOptions } from './matcher.js';

/** Plain scalar usable as an index key: no operators, arrays, regexes or null. */
function pointValue(value: unknown): { ok: boolean; value?: unknown } {
  if (value === null || value === undefined || Array.isArray(value) || value instanceof RegExp) return { ok: false };
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$eq') return pointValue(value.$eq);
    if (keys.some((k) => k.startsWith('$'))) return { ok: false };
    return { ok: true, value };
  }
  return { ok: true, value };
}

function inValues(value: unknown): unknown[] | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== '$in' || !Array.isArray(value.$in)) return undefined;
  const out: unknown[] = [];
  for (const v of value.$in) {
    const p = pointValue(v);
    if (!p.ok) return undefined;
    out.push(p.value);
  }
  return out;
}

function sameCollation(a?: CollationLike, b?: CollationLike): boolean {
  const simple = (c?: CollationLike): boolean => !c || c.locale === 'simple';
  if (simple(a) && simple(b)) return true;
  return canonicalKey(a ?? null) === canonicalKey(b ?? null);
}

/**
 * The documents that may match `filter`, read from an index when the filter pins every field
 * of one with equality (or `$in` on a single field), else every document in natural order.
 * Callers still apply the full filter.
 */
export function candidateDocs(coll: Collection, filter: Document | undefined, collation?: CollationLike): Iterable<Doc> {
  if (!filter) return coll.docs.values();
  const idSpec = filter._id;
  if (idSpec !== undefined && !collation) {
    const point = pointValue(idSpec);
    if (point.ok) {
      const doc = coll.get(point.value);
      return doc ? [doc] : [];
    }
    const list = inValues(idSpec);
    if (list) return uniqueDocs(list.map((v) => coll.get(v)));
  }
  for (const index of coll.indexes) {
    if (!index.usableForEquality || !sameCollation(index.collation, collation)) continue;
    const values: unknown[] = [];
    let usable = true;
    for (const field of index.fields) {
      const point = pointValue(filter[field]);
      if (!point.ok) {
        usable = false;
        break;
      }
      values.push(point.value);
    }
    if (usable) return [...index.lookup(values)].map((id) => coll.docs.get(id)).filter(isDoc);
    if (index.fields.length === 1) {
      const list = inValues(filter[index.fields[0] as string]);
      if (list) {
        const ids = new Set<string>();
        for (const v of list) for (const id of index.lookup([v])) ids.add(id);
        return naturalOrder(coll, ids);
      }
    }
  }
  return coll.docs.values();
}

function isDoc(doc: Doc | undefined): doc is Doc {
  return doc !== undefined;
}

function uniqueDocs(docs: Array<Doc | undefined>): Doc[] {
  const seen = new Set<Doc>();
  for (const doc of docs) if (doc) seen.add(doc);
  return [...seen];
}

/** Keeps index hits in insertion order, as a collection scan would return them. */
function naturalOrder(coll: Collection, ids: Set<string>): Doc[] {
  if (ids.size < 64) {
    const docs = [...ids].map((id) => coll.docs.get(id)).filter(isDoc);
    const order = new Map<Doc, number>();
    let i = 0;
    for (const doc of coll.docs.values()) {
      if (order.size === docs.length) break;
      if (docs.includes(doc)) order.set(doc, i);
      i++;
    }
    return docs.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  }
  const out: Doc[] = [];
  for (const [id, doc] of coll.docs) if (ids.has(id)) out.push(doc);
  return out;
}

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
}

/** Filter, sort, skip and limit over a collection; returns stored documents (do not mutate). */
export function findDocs(coll: Collection | undefined, options: MatchOptions): Doc[] {
  if (!coll) {
    compileFilter(options.filter, options.collation);
    return [];
  }
  const predicate = compileFilter(options.filter, options.collation);
  const skip = options.skip ?? 0;
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const sorted = options.sort && Object.keys(options.sort).length > 0;
  const out: Doc[] = [];
  for (const doc of candidateDocs(coll, options.filter, options.collation)) {
    if (!predicate(doc)) continue;
    out.push(doc);
    if (!sorted && out.length >= skip + limit) break;
  }
  if (sorted) sortDocs(out, options.sort as Document, options.collation);
  return out.slice(skip, limit === Infinity ? undefined : skip + limit);
}

function sortKey(doc: Doc, path: string, direction: number, collation?: CollationLike): unknown {
  const values = pathValues(doc, path);
  if (values.length === 0) return null;
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareValues(values[i], best);
    if (direction > 0 ? c < 0 : c > 0) best = values[i];
  }
  return typeof best === 'string' && collation ? foldString(best, collation) : best;
}

/** Sorts in place by a MongoDB sort spec; ties keep their order (the sort is stable). */
export function sortDocs(docs: Doc[], sort: Document, collation?: CollationLike): Doc[] {
  const fields: Array<[string, number]> = [];
  for (const [path, dir] of Object.entries(sort)) {
    if (path === '$natural') {
      if (Number(dir) < 0) docs.reverse();
      continue;
    }
    if (isPlainObject(dir)) throw commandError(2, `$meta sort by ${JSON.stringify(dir)} is not supported by the embedded MongoDB test server`);
    const n = Number(dir);
    if (n !== 1 && n !== -1) throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    fields.push([path, n]);
  }
  if (fields.length === 0) return docs;
  const keyed = docs.map((doc) => ({ doc, keys: fields.map(([p, d]) => sortKey(doc, p, d, collation)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]);
      if (c !== 0) return c * (fields[i]?.[1] ?? 1);
    }
    return 0;
  });
  keyed.forEach((k, i) => (docs[i] = k.doc));
  return docs;
}

/** Applies a find projection (mingo handles inclusion, exclusion, $slice and $elemMatch). */
export function projectDocs(docs: Doc[], projection: Document | undefined, filter?: Document): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  for (const value of Object.values(projection)) {
    if (isPlainObject(value) && '$meta' in value) {
      throw commandError(2, '$meta projection is not supported by the embedded MongoDB test server');
    }
  }
  try {
    const query = new Query(positionalCondition(projection, filter), queryOptions());
    const projected = query.find<Doc>(docs, projection).all();
    return projected.map((doc, i) => inDocumentOrder(doc, docs[i]));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw commandError(31254, message);
  }
}

/** mongod returns projected fields in the stored document's order, `_id` first. */
function inDocumentOrder(projected: Doc, original: Doc | undefined): Doc {
  if (!original) return projected;
  const out: Doc = {};
  for (const key of Object.keys(original)) if (key in projected) out[key] = projected[key];
  for (const key of Object.keys(projected)) if (!(key in out)) out[key] = projected[key];
  return out;
}

/** The positional projection `a.$` needs the query that matched the array. */
function positionalCondition(projection: Document, filter?: Document): Document {
  return Object.keys(projection).some((k) => k.endsWith('.$')) && filter ? filter : {};
}
