import type { Document } from 'bson';
import { canonicalKey, type CollationLike, type Doc } from './bson-values.js';
import { pathValues } from './doc-paths.js';
import { commandError, MongoCommandError } from './errors.js';
import { formatValue } from './format.js';
import { compileFilter, type Predicate } from './matcher.js';

/** The stored form of an index, exactly as listIndexes reports it. */
export interface IndexSpec extends Document {
  v: 2;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  collation?: Document;
}

const UNSUPPORTED_KINDS = new Set(['text', '2d', '2dsphere', 'geoHaystack', 'hashed', 'columnstore']);

export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([field, dir]) => `${field}_${String(dir)}`)
    .join('_');
}

/** Validates a createIndexes entry and normalises it to the stored form. */
export function normaliseSpec(raw: Document): IndexSpec {
  const key = raw.key as Document | undefined;
  if (!key || typeof key !== 'object' || Object.keys(key).length === 0) {
    throw commandError(67, 'Index key pattern must be a non-empty object');
  }
  for (const [field, dir] of Object.entries(key)) {
    if (typeof dir === 'string' && UNSUPPORTED_KINDS.has(dir)) {
      throw commandError(
        67,
        `${dir} indexes on '${field}' are not supported by the embedded MongoDB test server`,
      );
    }
    const n = Number(dir);
    if (typeof dir === 'string' || !Number.isFinite(n) || n === 0) {
      throw commandError(
        67,
        `Values in the index key pattern can only be non-zero numbers: ${field}: ${String(dir)}`,
      );
    }
  }
  const name = typeof raw.name === 'string' ? raw.name : defaultIndexName(key);
  const spec: IndexSpec = { v: 2, key, name };
  if (raw.unique) spec.unique = true;
  if (raw.sparse) spec.sparse = true;
  if (raw.partialFilterExpression) spec.partialFilterExpression = raw.partialFilterExpression as Document;
  if (raw.expireAfterSeconds !== undefined) spec.expireAfterSeconds = Number(raw.expireAfterSeconds);
  if (raw.collation && (raw.collation as Document).locale !== 'simple')
    spec.collation = raw.collation as Document;
  return spec;
}

/** One key of a document in an index: its canonical string and the values it was made from. */
export interface IndexKey {
  key: string;
  values: unknown[];
  /** Canonical key of the first field alone (compound indexes), for prefix lookups. */
  first?: string;
}

type IdHolders = Map<string, string | Set<string>>;

/** Adds `id` under `key`; a lone id is stored bare to spare a Set per distinct key. */
function putId(map: IdHolders, key: string, id: string): void {
  const holders = map.get(key);
  if (holders === undefined) map.set(key, id);
  else if (typeof holders === 'string') {
    if (holders !== id) map.set(key, new Set([holders, id]));
  } else holders.add(id);
}

function dropId(map: IdHolders, key: string, id: string): void {
  const holders = map.get(key);
  if (holders === undefined) return;
  if (typeof holders === 'string') {
    if (holders === id) map.delete(key);
    return;
  }
  holders.delete(id);
  if (holders.size === 1) map.set(key, holders.values().next().value as string);
}

function idsAt(map: IdHolders, key: string): ReadonlySet<string> | readonly string[] {
  const holders = map.get(key);
  if (holders === undefined) return EMPTY;
  return typeof holders === 'string' ? [holders] : holders;
}

function countAt(map: IdHolders, key: string): number {
  const holders = map.get(key);
  return holders === undefined ? 0 : typeof holders === 'string' ? 1 : holders.size;
}

/**
 * A secondary index: canonical key string -> ids of the documents holding it. Unique indexes
 * reject a second id under the same key; lookups by equality read the map instead of scanning.
 * Compound indexes also map their first field alone to ids, so a filter that pins only the
 * leading field (`{customerId, at: {$gte}}` on `{customerId: 1, at: -1}`) reads one bucket.
 */
export class Index {
  readonly fields: string[];
  /** key -> the one id holding it, or a set when several do (non-unique indexes). */
  private readonly entries: IdHolders = new Map();
  /** First field's key -> ids (compound indexes only; a single-field index uses `entries`). */
  private readonly byFirst: IdHolders | undefined;
  private readonly partial: Predicate | undefined;
  readonly collation: CollationLike | undefined;

  constructor(
    readonly spec: IndexSpec,
    private readonly ns: string,
  ) {
    this.fields = Object.keys(spec.key);
    this.byFirst = this.fields.length > 1 ? new Map() : undefined;
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined;
    this.collation = spec.collation as CollationLike | undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }
  /** The keys `doc` has in this index (none when sparse/partial leave it out). */
  keysOf(doc: Doc): IndexKey[] {
    if (this.partial && !this.partial(doc)) return [];
    if (this.fields.length === 1) {
      // Fast path for the common single-field index on a scalar.
      const values = pathValues(doc, this.fields[0] as string);
      if (values.length === 0 && this.spec.sparse) return [];
      if (values.length <= 1) {
        const value = values.length === 0 || values[0] === undefined ? null : values[0];
        return [{ key: canonicalKey(value, this.collation), values: [value] }];
      }
    }
    const perField = this.fields.map((f) => pathValues(doc, f));
    if (this.spec.sparse && perField.every((values) => values.length === 0)) return [];
    if (perField.every((values) => values.length <= 1)) {
      // Fast path: no arrays, so exactly one key.
      const values = perField.map((vs) => (vs.length === 0 || vs[0] === undefined ? null : vs[0]));
      const parts = values.map((v) => canonicalKey(v, this.collation));
      return [{ key: parts.join('\u0000'), values, first: parts[0] }];
    }
    const arrays = perField.filter((values) => values.length > 1);
    if (arrays.length > 1) {
      const names = this.fields.filter((_, i) => (perField[i]?.length ?? 0) > 1);
      throw commandError(171, `cannot index parallel arrays [${names[1]}] [${names[0]}]`);
    }
    let combos: unknown[][] = [[]];
    for (const values of perField) {
      const options = values.length === 0 ? [null] : values;
      combos = combos.flatMap((prefix) => options.map((v) => [...prefix, v === undefined ? null : v]));
    }
    const seen = new Map<string, IndexKey>();
    for (const values of combos) {
      const key = this.keyFor(values);
      if (!seen.has(key)) seen.set(key, { key, values, first: canonicalKey(values[0], this.collation) });
    }
    return [...seen.values()];
  }

  keyFor(values: unknown[]): string {
    if (values.length === 1) return canonicalKey(values[0], this.collation);
    return values.map((v) => canonicalKey(v, this.collation)).join('\u0000');
  }

  /** Throws the MongoDB duplicate key error when `doc` would collide with another document. */
  check(doc: Doc, id: string, keys = this.keysOf(doc)): void {
    if (!this.unique) return;
    for (const { key, values } of keys) {
      const holders = this.entries.get(key);
      if (holders === undefined) continue;
      if (typeof holders === 'string') {
        if (holders !== id) throw this.duplicateError(values);
        continue;
      }
      for (const other of holders) if (other !== id) throw this.duplicateError(values);
    }
  }

  duplicateError(values: unknown[]): MongoCommandError {
    const keyValue: Document = {};
    this.fields.forEach((f, i) => (keyValue[f] = values[i]));
    const rendered = this.fields.map((f, i) => `${f}: ${formatValue(values[i])}`).join(', ');
    return commandError(
      11000,
      `E11000 duplicate key error collection: ${this.ns} index: ${this.name} dup key: { ${rendered} }`,
      { keyPattern: this.spec.key, keyValue },
    );
  }

  add(doc: Doc, id: string, keys = this.keysOf(doc)): void {
    for (const { key, first } of keys) {
      putId(this.entries, key, id);
      if (this.byFirst && first !== undefined) putId(this.byFirst, first, id);
    }
  }

  remove(doc: Doc, id: string): void {
    this.removeKeys(id, this.keysOf(doc));
  }

  /** Removes `id` under keys already computed with `keysOf`. */
  removeKeys(id: string, keys: IndexKey[]): void {
    for (const { key, first } of keys) {
      dropId(this.entries, key, id);
      if (this.byFirst && first !== undefined) dropId(this.byFirst, first, id);
    }
  }

  /** Ids whose key equals `values` on every field. */
  lookup(values: unknown[]): Iterable<string> {
    return idsAt(this.entries, this.keyFor(values));
  }

  /** Ids whose first field equals `value` (the rest of the key is free). */
  lookupFirst(value: unknown): ReadonlySet<string> | readonly string[] {
    return idsAt(this.byFirst ?? this.entries, canonicalKey(value, this.collation));
  }

  /** How many ids `lookup(values)` (all fields) or `lookupFirst(values[0])` (one) returns, without copying. */
  count(values: unknown[]): number {
    if (values.length === 1)
      return countAt(this.byFirst ?? this.entries, canonicalKey(values[0], this.collation));
    return countAt(this.entries, this.keyFor(values));
  }

  /** Copy for a transaction snapshot: the id sets are copied, the documents are shared. */
  clone(ns = this.ns): Index {
    const copy = new Index(this.spec, ns);
    for (const [key, ids] of this.entries)
      copy.entries.set(key, typeof ids === 'string' ? ids : new Set(ids));
    if (this.byFirst && copy.byFirst) {
      for (const [key, ids] of this.byFirst)
        copy.byFirst.set(key, typeof ids === 'string' ? ids : new Set(ids));
    }
    return copy;
  }
}

const EMPTY: readonly string[] = [];
