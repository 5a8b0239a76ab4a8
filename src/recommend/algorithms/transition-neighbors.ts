import type { RecommenderParams } from './params.js';
import { SparseRowsBuilder, type SparseRows } from './sparse-rows.js';
import { topK } from './top-k.js';

/** Parameters that change the raw pair weights (a change forces a recount). */
export type PairCountParams = Pick<
  RecommenderParams,
  'window' | 'distanceDecay' | 'forwardWeight' | 'backwardWeight' | 'lengthDamping'
>;

/** Parameters that only change how raw pair weights become similarities. */
export type NeighborParams = Pick<
  RecommenderParams,
  'sourceExponent' | 'targetExponent' | 'shrink' | 'neighbors'
>;

/** Number of training sequences each item occurs in (its popularity). */
export function itemPopularity(sequences: readonly Int32Array[], nItems: number): Float64Array {
  const pop = new Float64Array(nItems);
  const seen = new Int32Array(nItems).fill(-1);
  sequences.forEach((seq, s) => {
    for (const item of seq) {
      if (seen[item] === s) continue;
      seen[item] = s;
      pop[item] = (pop[item] ?? 0) + 1;
    }
  });
  return pop;
}

/**
 * Weighted, directional co-occurrence: for every pair of items at distance d (1..window) inside
 * a training sequence, row i gets column j += direction weight * distanceDecay^(d-1) /
 * length^lengthDamping. Closer and next-item pairs say more about "what is bought next".
 * Rows keep every pair (unpruned) so several normalisations can be tried on one count.
 */
export function countPairs(
  sequences: readonly Int32Array[],
  nItems: number,
  params: PairCountParams,
): SparseRows {
  const occurrences = indexOccurrences(sequences, nItems);
  const decay = new Float64Array(params.window + 1);
  for (let d = 1; d <= params.window; d++) decay[d] = Math.pow(params.distanceDecay, d - 1);
  const lengthWeight = sequences.map((seq) => 1 / Math.pow(Math.max(1, seq.length), params.lengthDamping));

  const acc = new Float64Array(nItems);
  const touched = new Int32Array(nItems);
  const builder = new SparseRowsBuilder(nItems, sequences.length * 16);
  const columns = new Int32Array(nItems);
  const values = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let count = 0;
    for (let o = occurrences.offsets[i] ?? 0; o < (occurrences.offsets[i + 1] ?? 0); o++) {
      const s = occurrences.sequence[o] ?? 0;
      const p = occurrences.position[o] ?? 0;
      const seq = sequences[s];
      if (!seq) continue;
      const lw = lengthWeight[s] ?? 1;
      const from = Math.max(0, p - params.window);
      const to = Math.min(seq.length - 1, p + params.window);
      for (let q = from; q <= to; q++) {
        const j = seq[q] ?? 0;
        if (q === p || j === i) continue;
        const d = q > p ? q - p : p - q;
        const w = (q > p ? params.forwardWeight : params.backwardWeight) * (decay[d] ?? 0) * lw;
        if (w === 0) continue;
        if (acc[j] === 0) touched[count++] = j;
        acc[j] = (acc[j] ?? 0) + w;
      }
    }
    for (let c = 0; c < count; c++) {
      const j = touched[c] ?? 0;
      columns[c] = j;
      values[c] = acc[j] ?? 0;
      acc[j] = 0;
    }
    builder.appendRow(columns, values, count);
  }
  return builder.build();
}

/**
 * Turns raw pair weights into similarities sim(i, j) = w(i, j) / (pop(i)^a * pop(j)^b + shrink)
 * and keeps the top `neighbors` per row (best first), rescaled so the mean row maximum is 1.
 */
export function normalizeNeighbors(
  raw: SparseRows,
  popularity: Float64Array,
  params: NeighborParams,
): SparseRows {
  const nItems = popularity.length;
  const targetNorm = new Float64Array(nItems);
  for (let j = 0; j < nItems; j++)
    targetNorm[j] = Math.pow(Math.max(1, popularity[j] ?? 0), params.targetExponent);
  const sim = new Float64Array(nItems);
  const candidates = new Int32Array(nItems);
  const builder = new SparseRowsBuilder(nItems, nItems * Math.min(params.neighbors, 64));
  const values = new Float64Array(params.neighbors);
  for (let i = 0; i < nItems; i++) {
    const start = raw.offsets[i] ?? 0;
    const end = raw.offsets[i + 1] ?? 0;
    const sourceNorm = Math.pow(Math.max(1, popularity[i] ?? 0), params.sourceExponent);
    let count = 0;
    for (let e = start; e < end; e++) {
      const j = raw.columns[e] ?? 0;
      sim[j] = (raw.values[e] ?? 0) / (sourceNorm * (targetNorm[j] ?? 1) + params.shrink);
      candidates[count++] = j;
    }
    const best = topK(candidates, count, sim, params.neighbors);
    best.forEach((j, k) => {
      values[k] = sim[j] ?? 0;
    });
    builder.appendRow(best, values, best.length);
    for (let c = 0; c < count; c++) sim[candidates[c] ?? 0] = 0;
  }
  return rescaleToUnitRowMax(builder.build());
}

/**
 * Divides all values by the mean of the row maxima. Rankings do not change, but the similarity
 * scale no longer depends on the exponents and shrinkage, so blend weights (content, popularity)
 * mean the same thing on every dataset and for every tuned setting.
 */
function rescaleToUnitRowMax(rows: SparseRows): SparseRows {
  let sum = 0;
  let nonEmpty = 0;
  for (let i = 0; i + 1 < rows.offsets.length; i++) {
    const start = rows.offsets[i] ?? 0;
    // Rows are sorted best first, so the first value is the row maximum.
    if ((rows.offsets[i + 1] ?? 0) > start) {
      sum += rows.values[start] ?? 0;
      nonEmpty++;
    }
  }
  const scale = sum > 0 ? nonEmpty / sum : 1;
  for (let e = 0; e < rows.values.length; e++) rows.values[e] = (rows.values[e] ?? 0) * scale;
  return rows;
}

interface Occurrences {
  offsets: Int32Array;
  sequence: Int32Array;
  position: Int32Array;
}

/** Inverted index item -> (sequence, position) so pairs are counted one source row at a time. */
function indexOccurrences(sequences: readonly Int32Array[], nItems: number): Occurrences {
  const offsets = new Int32Array(nItems + 1);
  for (const seq of sequences) for (const item of seq) offsets[item + 1] = (offsets[item + 1] ?? 0) + 1;
  for (let i = 0; i < nItems; i++) offsets[i + 1] = (offsets[i + 1] ?? 0) + (offsets[i] ?? 0);
  const total = offsets[nItems] ?? 0;
  const sequence = new Int32Array(total);
  const position = new Int32Array(total);
  const cursor = offsets.slice(0, nItems);
  sequences.forEach((seq, s) => {
    seq.forEach((item, p) => {
      const at = cursor[item] ?? 0;
      sequence[at] = s;
      position[at] = p;
      cursor[item] = at + 1;
    });
  });
  return { offsets, sequence, position };
}
