import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp, type Document } from 'bson';
import { collatorFor, foldString, type CollationLike } from './collation.js';

export { foldString, type CollationLike };

export type Doc = Document;

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function bsontype(value: object): string | undefined {
  return (value as { _bsontype?: string })._bsontype;
}

/** True for every BSON numeric type; they compare by value across types, as in MongoDB. */
export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object') return false;
  const t = bsontype(value);
  return t === 'Long' || t === 'Decimal128' || t === 'Int32' || t === 'Double';
}

export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Decimal128) return Number(value.toString());
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  return NaN;
}

/** Canonical BSON type order used by sort and by comparisons across types. */
export function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 2;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
  }
  if (Array.isArray(value)) return 6;
  if (value instanceof Date) return 10;
  if (value instanceof RegExp) return 12;
  if (isPlainObject(value)) return 5;
  switch (bsontype(value as object)) {
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Decimal128':
    case 'Int32':
    case 'Double':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 13;
    default:
      return 5;
  }
}

function compareNumbers(a: unknown, b: unknown): number {
  if (a instanceof Long && b instanceof Long) return a.compare(b);
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function cmp<T>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order over BSON values following MongoDB's comparison/sort order. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 2:
    case 1:
    case 13:
      return 0;
    case 3:
      return compareNumbers(a, b);
    case 4:
      return cmp(String(a), String(b));
    case 5:
      return compareObjects(a as Doc, b as Doc);
    case 6: {
      const xs = a as unknown[];
      const ys = b as unknown[];
      const n = Math.min(xs.length, ys.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(xs[i], ys[i]);
        if (c !== 0) return c;
      }
      return xs.length - ys.length;
    }
    case 7: {
      const x = (a as Binary).buffer;
      const y = (b as Binary).buffer;
      if (x.length !== y.length) return x.length - y.length;
      return Buffer.compare(Buffer.from(x), Buffer.from(y));
    }
    case 8:
      return cmp((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 9:
      return Number(a) - Number(b);
    case 10:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return (a as Timestamp).compare(b as Timestamp);
    default:
      return cmp(String(a), String(b));
  }
}

function compareObjects(a: Doc, b: Doc): number {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const fa = ka[i] as string;
    const fb = kb[i] as string;
    const va = a[fa];
    const vb = b[fb];
    const byType = typeRank(va) - typeRank(vb);
    if (byType !== 0) return byType;
    const byName = cmp(fa, fb);
    if (byName !== 0) return byName;
    const byValue = compareValues(va, vb);
    if (byValue !== 0) return byValue;
  }
  return ka.length - kb.length;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return compareValues(a, b) === 0;
}

/** Like {@link compareValues}, with strings in the collation's order when there is one. */
export function compareCollated(a: unknown, b: unknown, collation?: CollationLike): number {
  if (collation && typeof a === 'string' && typeof b === 'string' && collation.locale !== 'simple')
    return collatorFor(collation).compare(a, b);
  return compareValues(a, b);
}

/**
 * A string that is equal for two values exactly when MongoDB considers them equal in an index:
 * numbers of every type by value, null and missing alike, documents by field order.
 */
export function canonicalKey(value: unknown, collation?: CollationLike): string {
  if (value === undefined || value === null) return 'z';
  switch (typeof value) {
    case 'number':
      return `n${Object.is(value, -0) ? 0 : value}`;
    case 'bigint':
      return `n${value}`;
    case 'string':
      return `s${foldString(value, collation)}`;
    case 'boolean':
      return value ? 'b1' : 'b0';
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => canonicalKey(v, collation)).join(',')}]`;
  }
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value instanceof RegExp) return `r${value.source}/${value.flags}`;
  if (isPlainObject(value)) {
    let out = '{';
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out += `${JSON.stringify(k)}:${canonicalKey(v, collation)},`;
    }
    return `${out}}`;
  }
  switch (bsontype(value as object)) {
    case 'ObjectId':
      return `o${(value as ObjectId).toHexString()}`;
    case 'Long': {
      const long = value as Long;
      const n = long.toNumber();
      return Number.isSafeInteger(n) ? `n${n}` : `n${long.toString()}`;
    }
    case 'Decimal128':
    case 'Int32':
    case 'Double': {
      const n = toNumber(value);
      return `n${n}`;
    }
    case 'Binary': {
      const bin = value as Binary;
      return `x${bin.sub_type}:${Buffer.from(bin.buffer).toString('hex')}`;
    }
    case 'Timestamp':
      return `t${(value as Timestamp).toString()}`;
    case 'MinKey':
      return 'm';
    case 'MaxKey':
      return 'M';
    default:
      return `?${String(value)}`;
  }
}

/**
 * Whether an update left a document exactly as it was (then it does not count as modified):
 * same fields in the same order with the same types and values. Cheaper than comparing
 * canonical keys, as it stops at the first difference.
 */
export function sameDocument(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameDocument(a[i], b[i])) return false;
    return true;
  }
  if ((a as object).constructor !== (b as object).constructor) return false;
  if (isPlainObject(a)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b as Doc);
    if (ka.length !== kb.length) return false;
    for (let i = 0; i < ka.length; i++) {
      const key = ka[i] as string;
      if (key !== kb[i] || !sameDocument(a[key], (b as Doc)[key])) return false;
    }
    return true;
  }
  return canonicalKey(a) === canonicalKey(b);
}

/**
 * Deep copy of plain objects and arrays; bson class instances and Dates are shared because the
 * store never mutates them in place.
 */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const key of Object.keys(value)) out[key] = cloneValue((value as Doc)[key]);
    return out as T;
  }
  return value;
}

export function bsonTypeName(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) && Math.abs(value) <= 0x7fffffff ? 'int' : 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'long';
  }
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (isPlainObject(value)) return 'object';
  const t = bsontype(value as object);
  switch (t) {
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
      return 'binData';
    case 'Timestamp':
      return 'timestamp';
    case 'Double':
      return 'double';
    case 'Int32':
      return 'int';
    default:
      return t ?? 'object';
  }
}

export { ObjectId };
