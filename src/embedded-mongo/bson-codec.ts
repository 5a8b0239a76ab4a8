import { BSON, BSONSymbol, Decimal128, Double, Int32, Long, type Document } from 'bson';
import { isPlainObject } from './bson-values.js';

const deserializeOptions = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
  bsonRegExp: false,
} as const;

/**
 * Documents live in memory as plain objects with JS numbers for int32 and fractional doubles,
 * so that mingo can compare and update them. Doubles with an integral value stay `Double`
 * (otherwise they would come back as int32), and Long and Decimal128 stay bson classes, so
 * every numeric type survives a round trip.
 */
export function deserializeDoc(bytes: Uint8Array): Document {
  const doc = BSON.deserialize(bytes, deserializeOptions);
  normaliseNumbers(doc);
  return doc;
}

function normaliseNumbers(node: Document | unknown[]): void {
  const convert = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof Int32) return v.value;
    if (v instanceof Double) return Number.isInteger(v.value) ? v : v.value;
    if (v instanceof BSONSymbol) return v.value;
    if (Array.isArray(v) || isPlainObject(v)) normaliseNumbers(v);
    return v;
  };
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = convert(node[i]);
  } else {
    for (const key of Object.keys(node)) {
      const v = node[key];
      if (v !== null && typeof v === 'object') node[key] = convert(v);
    }
  }
}

/**
 * Deep copy with every numeric type as a JS number, for mingo's arithmetic and comparisons in
 * aggregation (so Long and Decimal128 sums come out as doubles).
 */
export function plainNumbers<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Double) return value.value as T;
  if (value instanceof Long) return value.toNumber() as T;
  if (value instanceof Decimal128) return Number(value.toString()) as T;
  if (Array.isArray(value)) return value.map(plainNumbers) as T;
  if (isPlainObject(value)) {
    const out: Document = {};
    for (const key of Object.keys(value)) out[key] = plainNumbers((value as Document)[key]);
    return out as T;
  }
  return value;
}
