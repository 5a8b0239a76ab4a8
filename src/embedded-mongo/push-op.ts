import type { Document } from 'bson';
import { bsonTypeName, cloneValue, compareValues, isPlainObject, toNumber } from './bson-values.js';
import { getPath } from './doc-paths.js';
import { commandError } from './errors.js';

const MODIFIERS = new Set(['$each', '$slice', '$sort', '$position']);

function integerArg(spec: Document, name: string): number | undefined {
  const value = spec[name] as unknown;
  if (value === undefined) return undefined;
  const n = toNumber(value);
  if (!Number.isInteger(n)) {
    throw commandError(
      2,
      `The value for ${name} must be an integer value but was given type: ${bsonTypeName(value)}`,
    );
  }
  return n;
}

function sorter(spec: unknown): ((a: unknown, b: unknown) => number) | undefined {
  if (spec === undefined) return undefined;
  if (spec === 1 || spec === -1) return (a, b) => (spec as number) * compareValues(a, b);
  if (!isPlainObject(spec) || Object.keys(spec).length === 0)
    throw commandError(
      2,
      'The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields',
    );
  const keys = Object.entries(spec).map(([path, dir]) => {
    if (dir !== 1 && dir !== -1) throw commandError(2, '$sort field value must be 1 or -1');
    return [path, dir] as const;
  });
  return (a, b) => {
    for (const [path, dir] of keys) {
      const c = compareValues(
        isPlainObject(a) ? (getPath(a, path) ?? null) : null,
        isPlainObject(b) ? (getPath(b, path) ?? null) : null,
      );
      if (c !== 0) return dir * c;
    }
    return 0;
  };
}

/**
 * The array `$push` leaves at a plain (non-positional) path, with MongoDB's modifier order:
 * insert `$each` at `$position` (negative counts from the end), then `$sort` in BSON order on
 * every key given, then `$slice`. A missing field starts empty and gets the same treatment;
 * mingo copied `$each` onto a missing field verbatim and sorted on the first key only.
 */
export function pushResult(current: unknown, spec: unknown): unknown[] {
  const list = Array.isArray(current) ? current.slice() : [];
  const hasModifiers = isPlainObject(spec) && Object.keys(spec).some((k) => MODIFIERS.has(k));
  if (!hasModifiers) {
    list.push(cloneValue(spec));
    return list;
  }
  const mods = spec as Document;
  for (const key of Object.keys(mods)) {
    if (!MODIFIERS.has(key)) throw commandError(2, `Unrecognized clause in $push: ${key}`);
  }
  const each = mods.$each as unknown;
  if (!Array.isArray(each)) {
    throw commandError(
      2,
      `The argument to $each in $push must be an array but it was of type: ${bsonTypeName(each)}`,
    );
  }
  const position = integerArg(mods, '$position');
  const slice = integerArg(mods, '$slice');
  const compare = sorter(mods.$sort);
  let at =
    position === undefined ? list.length : position < 0 ? Math.max(0, list.length + position) : position;
  at = Math.min(at, list.length);
  list.splice(at, 0, ...each.map((v) => cloneValue(v)));
  if (compare) list.sort(compare);
  if (slice === undefined) return list;
  return slice >= 0 ? list.slice(0, slice) : list.slice(Math.max(0, list.length + slice));
}
