import { compareValues, type Doc } from './bson-values.js';

/** One document's place in `_id` order: its canonical id (the docs map key) and the raw `_id`. */
export interface IdEntry {
  key: string;
  id: unknown;
}

/**
 * Canonical keys of ObjectIds ('o' + hex) and strings ('s' + text) sort like the values
 * themselves, so same-kind ids compare as plain strings without decoding.
 */
function compareEntries(a: IdEntry, b: IdEntry): number {
  const ka = a.key;
  const kb = b.key;
  const kind = ka.charCodeAt(0);
  const plain = kind === 111 || kind === 115; // 'o' or 's'
  if (plain && kind === kb.charCodeAt(0)) return ka < kb ? -1 : ka > kb ? 1 : 0;
  return compareValues(a.id, b.id);
}

/**
 * The collection's documents in `_id` order, for range scans and `sort({_id})` pages. It is
 * built on the first ordered read and then kept by appending while new ids keep growing (as
 * ObjectIds minted by one process do); an out-of-order insert drops it for a lazy rebuild.
 * Removed ids stay behind as tombstones that readers skip (a `docs` lookup misses), so deletes
 * stay O(1); too many tombstones also trigger a rebuild.
 */
export class IdOrder {
  private entries: IdEntry[] | undefined;
  private tombstones = 0;

  constructor(private readonly docs: ReadonlyMap<string, Doc>) {}

  inserted(key: string, id: unknown): void {
    const entries = this.entries;
    if (!entries) return;
    const last = entries[entries.length - 1];
    const entry = { key, id };
    // A re-inserted id still has its tombstone, so it can never compare greater than the last.
    if (last === undefined || compareEntries(last, entry) < 0) entries.push(entry);
    else this.entries = undefined;
  }

  removed(): void {
    if (this.entries && ++this.tombstones > this.entries.length / 2) this.entries = undefined;
  }

  /** Entries sorted by `_id`; a key no longer in `docs` is a tombstone to skip. */
  sorted(): readonly IdEntry[] {
    if (this.entries) return this.entries;
    const entries: IdEntry[] = [];
    let allObjectIds = true;
    for (const [key, doc] of this.docs) {
      entries.push({ key, id: doc._id });
      if (key.charCodeAt(0) !== 111) allObjectIds = false;
    }
    if (allObjectIds) entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    else entries.sort(compareEntries);
    this.entries = entries;
    this.tombstones = 0;
    return entries;
  }
}

/**
 * First position in `entries` whose id is greater than `bound` (or equal to it, unless
 * `strict`): the start of an `_id: {$gt|$gte}` range, or the end of a `$lt|$lte` one
 * (with `strict` flipped: `$lt` ends before the first id >= bound).
 */
export function lowerBound(entries: readonly IdEntry[], bound: unknown, strict: boolean): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareValues((entries[mid] as IdEntry).id, bound);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
