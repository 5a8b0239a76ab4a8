import type { Document } from 'bson';
import { compareCollated, isPlainObject, type CollationLike, type Doc } from './bson-values.js';
import { pathValues } from './doc-paths.js';
import { badValue, commandError } from './errors.js';

/** A validated sort spec: the fields with their directions, and `$natural` (0 when absent). */
export interface SortSpec {
  fields: Array<[string, number]>;
  natural: number;
}

export function parseSort(sort: Document): SortSpec {
  const fields: Array<[string, number]> = [];
  let natural = 0;
  for (const [path, dir] of Object.entries(sort)) {
    if (path === '$natural') {
      natural = Number(dir) < 0 ? -1 : 1;
      continue;
    }
    if (isPlainObject(dir))
      throw commandError(
        2,
        `$meta sort by ${JSON.stringify(dir)} is not supported by the embedded MongoDB test server`,
      );
    const n = Number(dir);
    if (n !== 1 && n !== -1)
      throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    fields.push([path, n]);
  }
  return { fields, natural };
}

/** An array sorts by its smallest element ascending and its largest descending, as in MongoDB. */
function sortKey(doc: Doc, path: string, direction: number, collation?: CollationLike): unknown {
  const values = pathValues(doc, path);
  if (values.length === 0) return null;
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareCollated(values[i], best, collation);
    if (direction > 0 ? c < 0 : c > 0) best = values[i];
  }
  return best;
}

interface Keyed {
  doc: Doc;
  keys: unknown[];
  /** Position among the inputs: ties keep input order, so results match a stable sort. */
  ord: number;
}

function keyed(doc: Doc, ord: number, fields: Array<[string, number]>, collation?: CollationLike): Keyed {
  return { doc, ord, keys: fields.map(([p, d]) => sortKey(doc, p, d, collation)) };
}

function comparator(
  fields: Array<[string, number]>,
  collation?: CollationLike,
): (a: Keyed, b: Keyed) => number {
  return (a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareCollated(a.keys[i], b.keys[i], collation);
      if (c !== 0) return c * (fields[i]?.[1] ?? 1);
    }
    return a.ord - b.ord;
  };
}

/** Sorts in place by a MongoDB sort spec; ties keep their order (the sort is stable). */
export function sortDocs(docs: Doc[], sort: Document, collation?: CollationLike): Doc[] {
  const { fields, natural } = parseSort(sort);
  if (natural < 0) docs.reverse();
  if (fields.length === 0) return docs;
  const items = docs.map((doc, i) => keyed(doc, i, fields, collation));
  items.sort(comparator(fields, collation));
  items.forEach((k, i) => (docs[i] = k.doc));
  return docs;
}

/**
 * The first `k` documents in sort order, as `sortDocs` would return them, kept in a bounded
 * max-heap: O(n log k) for a `sort().limit(k)` over n matches instead of sorting all n.
 */
export class TopK {
  private readonly heap: Keyed[] = [];
  private readonly cmp: (a: Keyed, b: Keyed) => number;
  private seen = 0;

  constructor(
    private readonly k: number,
    private readonly fields: Array<[string, number]>,
    private readonly collation?: CollationLike,
  ) {
    this.cmp = comparator(fields, collation);
  }

  /** Offers the next document, in input order. */
  offer(doc: Doc): void {
    const item = keyed(doc, this.seen++, this.fields, this.collation);
    const { heap, cmp } = this;
    if (heap.length < this.k) {
      heap.push(item);
      this.siftUp(heap.length - 1);
    } else if (heap.length > 0 && cmp(item, heap[0] as Keyed) < 0) {
      heap[0] = item;
      this.siftDown(0);
    }
  }

  sorted(): Doc[] {
    return this.heap
      .slice()
      .sort(this.cmp)
      .map((k) => k.doc);
  }

  private siftUp(i: number): void {
    const { heap, cmp } = this;
    const item = heap[i] as Keyed;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (cmp(heap[parent] as Keyed, item) >= 0) break;
      heap[i] = heap[parent] as Keyed;
      i = parent;
    }
    heap[i] = item;
  }

  private siftDown(i: number): void {
    const { heap, cmp } = this;
    const n = heap.length;
    const item = heap[i] as Keyed;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && cmp(heap[right] as Keyed, heap[child] as Keyed) > 0) child = right;
      if (cmp(heap[child] as Keyed, item) <= 0) break;
      heap[i] = heap[child] as Keyed;
      i = child;
    }
    heap[i] = item;
  }
}
