import { SparseRowsBuilder, type SparseRows } from './sparse-rows.js';
import { topK } from './top-k.js';

/**
 * Attribute similarity: cosine between IDF-weighted attribute sets (brand, category ...), top
 * `neighbors` per item. It is the only signal for items with few or no interactions, and IDF keeps
 * a catch-all category from making every item similar to every other.
 *
 * `attributes[i]` lists attribute ids (dense ints) of item i; items without attributes get no row.
 */
export function contentNeighbors(
  attributes: readonly (Int32Array | undefined)[],
  nItems: number,
  nAttributes: number,
  neighbors: number,
): SparseRows {
  const df = new Float64Array(nAttributes);
  for (const attrs of attributes) if (attrs) for (const a of attrs) df[a] = (df[a] ?? 0) + 1;
  const idf = new Float64Array(nAttributes);
  for (let a = 0; a < nAttributes; a++) idf[a] = Math.log(1 + nItems / Math.max(1, df[a] ?? 0));

  // Inverted index attribute -> items.
  const offsets = new Int32Array(nAttributes + 1);
  for (let a = 0; a < nAttributes; a++) offsets[a + 1] = (offsets[a] ?? 0) + (df[a] ?? 0);
  const members = new Int32Array(offsets[nAttributes] ?? 0);
  const cursor = offsets.slice(0, nAttributes);
  const norm = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) {
    const attrs = attributes[i];
    if (!attrs) continue;
    let sq = 0;
    for (const a of attrs) {
      members[cursor[a] ?? 0] = i;
      cursor[a] = (cursor[a] ?? 0) + 1;
      sq += (idf[a] ?? 0) ** 2;
    }
    norm[i] = Math.sqrt(sq);
  }

  const acc = new Float64Array(nItems);
  const touched = new Int32Array(nItems);
  const values = new Float64Array(neighbors);
  const builder = new SparseRowsBuilder(nItems, nItems * Math.min(neighbors, 32));
  for (let i = 0; i < nItems; i++) {
    const attrs = attributes[i];
    let count = 0;
    if (attrs && (norm[i] ?? 0) > 0) {
      for (const a of attrs) {
        const w = (idf[a] ?? 0) ** 2;
        for (let m = offsets[a] ?? 0; m < (offsets[a + 1] ?? 0); m++) {
          const j = members[m] ?? 0;
          if (j === i) continue;
          if (acc[j] === 0) touched[count++] = j;
          acc[j] = (acc[j] ?? 0) + w;
        }
      }
      for (let c = 0; c < count; c++) {
        const j = touched[c] ?? 0;
        acc[j] = (acc[j] ?? 0) / ((norm[i] ?? 1) * (norm[j] ?? 1));
      }
    }
    const best = topK(touched, count, acc, neighbors);
    best.forEach((j, k) => {
      values[k] = acc[j] ?? 0;
    });
    builder.appendRow(best, values, best.length);
    for (let c = 0; c < count; c++) acc[touched[c] ?? 0] = 0;
  }
  return builder.build();
}
