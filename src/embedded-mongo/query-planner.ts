import type { Document } from 'bson';
import { canonicalKey, isPlainObject, type CollationLike, type Doc } from './bson-values.js';
import type { Collection } from './collection.js';
import { lowerBound, type IdEntry } from './id-order.js';
import type { Index } from './indexes.js';

/** Plain scalar usable as an index key: no operators, arrays, regexes or null. */
export function pointValue(value: unknown): { ok: boolean; value?: unknown } {
  if (value === null || value === undefined || Array.isArray(value) || value instanceof RegExp)
    return { ok: false };
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
 * Whether every document matching `filter` satisfies the index's partial filter, so the index
 * holds all of them. Only the cheap, certain cases: the filter repeats a condition verbatim, or
 * pins a non-null value where the index asks for `$exists: true`.
 */
function impliesPartial(filter: Document, partial: Document): boolean {
  return Object.entries(partial).every(([field, cond]) => {
    if (field === '$and' && Array.isArray(cond))
      return cond.every((c) => isPlainObject(c) && impliesPartial(filter, c));
    const given = filter[field] as unknown;
    if (given === undefined) return false;
    if (canonicalKey(given) === canonicalKey(cond)) return true;
    const existsOnly = isPlainObject(cond) && Object.keys(cond).length === 1 && cond.$exists === true;
    return existsOnly && pointValue(given).ok;
  });
}

/** One way to read an index: the ids it returns and how many there are. */
interface IndexRead {
  size: number;
  ids: () => Iterable<string>;
}

/**
 * The cheapest read of `index` for `filter`: all fields pinned by equality, else the first
 * field pinned by equality or `$in`. A sparse index may serve it because a pinned non-null
 * value means the document has the field (null equalities are never pinned: they also match
 * documents missing the field, which an index lookup by key would not return).
 */
function readIndex(index: Index, filter: Document): IndexRead | undefined {
  const partial = index.spec.partialFilterExpression;
  if (partial && !impliesPartial(filter, partial)) return undefined;
  const values: unknown[] = [];
  for (const field of index.fields) {
    const point = pointValue(filter[field]);
    if (!point.ok) break;
    values.push(point.value);
  }
  if (values.length === index.fields.length)
    return { size: index.count(values), ids: () => index.lookup(values) };
  if (values.length > 0) return { size: index.count([values[0]]), ids: () => index.lookupFirst(values[0]) };
  const list = inValues(filter[index.fields[0] as string]);
  if (!list) return undefined;
  const size = list.reduce<number>((n, v) => n + index.count([v]), 0);
  return {
    size,
    ids: () => {
      const ids = new Set<string>();
      for (const v of list) for (const id of index.lookupFirst(v)) ids.add(id);
      return ids;
    },
  };
}

/** The index read returning the fewest ids for `filter`, if any index can serve it. */
function bestIndexRead(coll: Collection, filter: Document, collation?: CollationLike): IndexRead | undefined {
  let best: IndexRead | undefined;
  for (const index of coll.indexes) {
    if (!sameCollation(index.collation, collation)) continue;
    const read = readIndex(index, filter);
    if (read && (!best || read.size < best.size)) best = read;
    if (best?.size === 0) break;
  }
  return best;
}

/** Documents for ids, in insertion order: the order a collection scan would return them in. */
function naturalOrder(coll: Collection, ids: Iterable<string>): Doc[] {
  const hits: Array<[number, Doc]> = [];
  for (const id of ids) {
    const doc = coll.docs.get(id);
    if (doc) hits.push([coll.seq.get(id) ?? 0, doc]);
  }
  if (hits.length > 1) hits.sort((a, b) => a[0] - b[0]);
  return hits.map((h) => h[1]);
}

/** The candidates for a query and whether they already come in the requested sort order. */
export interface Candidates {
  docs: Iterable<Doc>;
  sorted: boolean;
}

/** `sort({_id: 1})` or `sort({_id: -1})`: the direction, else 0. */
function idSortDirection(sort: Document | undefined): number {
  if (!sort) return 0;
  const keys = Object.keys(sort);
  if (keys.length !== 1 || keys[0] !== '_id') return 0;
  const dir = Number(sort._id);
  return dir === 1 || dir === -1 ? dir : 0;
}

/** A range bound usable for binary search: a plain comparable value. */
function boundValue(value: unknown): boolean {
  return value !== undefined && !Array.isArray(value) && !(value instanceof RegExp) && !isPlainObject(value);
}

/** Positions [start, end) of `entries` an `_id` range condition can match (every entry when none). */
function idRange(entries: readonly IdEntry[], spec: unknown): [number, number] {
  let start = 0;
  let end = entries.length;
  if (!isPlainObject(spec)) return [start, end];
  if (boundValue(spec.$gt)) start = lowerBound(entries, spec.$gt, true);
  else if (boundValue(spec.$gte)) start = lowerBound(entries, spec.$gte, false);
  if (boundValue(spec.$lt)) end = lowerBound(entries, spec.$lt, false);
  else if (boundValue(spec.$lte)) end = lowerBound(entries, spec.$lte, true);
  return [start, Math.max(start, end)];
}

/** Walks the `_id` order over [start, end), skipping tombstones. */
function* idWalk(
  coll: Collection,
  entries: readonly IdEntry[],
  [start, end]: [number, number],
  dir: number,
): Generator<Doc> {
  if (dir > 0) {
    for (let i = start; i < end; i++) {
      const doc = coll.docs.get((entries[i] as IdEntry).key);
      if (doc) yield doc;
    }
  } else {
    for (let i = end - 1; i >= start; i--) {
      const doc = coll.docs.get((entries[i] as IdEntry).key);
      if (doc) yield doc;
    }
  }
}

/**
 * The documents that may match `filter`: by `_id` point or `$in`, from the index read returning
 * the fewest ids (in natural order), as an `_id`-ordered walk when sorting by `_id` (pages of
 * `{_id: {$gt: last}}` then start at `last`), else every document in natural order. Callers
 * still apply the full filter, and sort unless `sorted` says the order is already right.
 * `want` is how many matches the caller needs (skip + limit), used to weigh a walk that stops
 * early against an index read.
 */
export function candidateDocs(
  coll: Collection,
  filter: Document | undefined,
  collation?: CollationLike,
  sort?: Document,
  want = Infinity,
): Candidates {
  if (!filter) filter = {};
  const idSpec = filter._id;
  if (idSpec !== undefined && !collation) {
    const point = pointValue(idSpec);
    if (point.ok) {
      const doc = coll.get(point.value);
      return { docs: doc ? [doc] : [], sorted: true };
    }
    const list = inValues(idSpec);
    if (list) return { docs: naturalOrder(coll, new Set(list.map((v) => canonicalKey(v)))), sorted: false };
  }
  const read = bestIndexRead(coll, filter, collation);
  const dir = collation ? 0 : idSortDirection(sort);
  if (dir !== 0) {
    const entries = coll.idOrder.sorted();
    const range = idRange(entries, idSpec);
    const span = range[1] - range[0];
    // A walk stops after `want` matches; assuming the index's hits are spread evenly over the
    // range, it visits about want * span / hits documents. Sorting the hits costs more per hit.
    const walkCost = read ? Math.min(span, (want * coll.docs.size) / Math.max(read.size, 1)) : span;
    if (!read || walkCost < read.size * 4) return { docs: idWalk(coll, entries, range, dir), sorted: true };
  }
  if (read) return { docs: naturalOrder(coll, read.ids()), sorted: false };
  return { docs: coll.docs.values(), sorted: false };
}
