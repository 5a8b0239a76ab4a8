import { bsonTypeName, canonicalKey, isPlainObject, type CollationLike } from './bson-values.js';

/** Below this many values a linear scan of the list is as fast as hashing each candidate. */
const MIN_HASHED = 8;

// Types whose canonical key is equal exactly when MongoDB calls two values equal. Long and
// Decimal128 are left out: their keys can disagree with a double of the same value.
const HASHABLE = new Set(['string', 'int', 'double', 'bool', 'date', 'objectId']);

/**
 * `{field: {$in: [...]}}` with a long list of scalars (a batch of `_id`s, say) tested by hash
 * lookup instead of comparing each document against every listed value. A key hit is confirmed
 * with the exact equality, and wide numbers in documents take the linear path, so the result is
 * the same as the scan's. Returns undefined when the list does not qualify.
 */
export function hashedInTest(
  list: unknown[],
  collation: CollationLike | undefined,
  equal: (value: unknown, listed: unknown) => boolean,
  candidatesOf: (lhs: unknown) => unknown[],
): ((lhs: unknown) => boolean) | undefined {
  if (list.length < MIN_HASHED) return undefined;
  if (!list.every((v) => HASHABLE.has(bsonTypeName(v)) && !(typeof v === 'number' && Number.isNaN(v))))
    return undefined;
  const byKey = new Map<string, unknown[]>();
  for (const listed of list) {
    const key = canonicalKey(listed, collation);
    const same = byKey.get(key);
    if (same) same.push(listed);
    else byKey.set(key, [listed]);
  }
  return (lhs) => {
    for (const value of candidatesOf(lhs)) {
      if (value === null || value === undefined || Array.isArray(value) || isPlainObject(value)) continue;
      const type = bsonTypeName(value);
      if (type === 'long' || type === 'decimal') {
        if (list.some((listed) => equal(value, listed))) return true;
        continue;
      }
      if (byKey.get(canonicalKey(value, collation))?.some((listed) => equal(value, listed))) return true;
    }
    return false;
  };
}
