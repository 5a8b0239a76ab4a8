import { describe, expect, it } from 'vitest';
import { contentNeighbors } from '../../../src/recommend/algorithms/content-neighbors.js';
import { DEFAULT_PARAMS } from '../../../src/recommend/algorithms/params.js';
import {
  decodeFloat32,
  decodeInt32,
  encodeTyped,
  type SparseRows,
} from '../../../src/recommend/algorithms/sparse-rows.js';
import { rangeCandidates, topK } from '../../../src/recommend/algorithms/top-k.js';
import {
  countPairs,
  itemPopularity,
  normalizeNeighbors,
} from '../../../src/recommend/algorithms/transition-neighbors.js';

function row(rows: SparseRows, i: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let e = rows.offsets[i] ?? 0; e < (rows.offsets[i + 1] ?? 0); e++)
    out.set(rows.columns[e] ?? -1, rows.values[e] ?? 0);
  return out;
}

const pairParams = {
  window: 2,
  distanceDecay: 0.5,
  forwardWeight: 1,
  backwardWeight: 0.25,
  lengthDamping: 0,
};

describe('countPairs', () => {
  it('weights pairs by direction and distance inside the window', () => {
    const raw = countPairs([Int32Array.from([0, 1, 2, 3])], 4, pairParams);
    const from0 = row(raw, 0);
    expect(from0.get(1)).toBeCloseTo(1, 6);
    expect(from0.get(2)).toBeCloseTo(0.5, 6);
    expect(from0.has(3)).toBe(false); // beyond the window
    expect(row(raw, 1).get(0)).toBeCloseTo(0.25, 6);
  });

  it('damps long sequences', () => {
    const raw = countPairs([Int32Array.from([0, 1, 2, 3])], 4, { ...pairParams, lengthDamping: 1 });
    expect(row(raw, 0).get(1)).toBeCloseTo(0.25, 6);
  });
});

describe('normalizeNeighbors', () => {
  it('keeps the best neighbours per item, best first, with popularity damping', () => {
    const seqs = [
      [0, 1],
      [0, 1],
      [0, 2],
      [3, 2],
      [4, 2],
      [5, 2],
    ].map((s) => Int32Array.from(s));
    const pop = itemPopularity(seqs, 6);
    expect(Array.from(pop)).toEqual([3, 2, 4, 1, 1, 1]);
    const raw = countPairs(seqs, 6, pairParams);
    const damped = normalizeNeighbors(raw, pop, {
      ...DEFAULT_PARAMS,
      targetExponent: 1,
      shrink: 0,
      neighbors: 1,
    });
    expect(Array.from(row(damped, 0).keys())).toEqual([1]);
    const two = normalizeNeighbors(raw, pop, {
      ...DEFAULT_PARAMS,
      targetExponent: 0,
      shrink: 0,
      neighbors: 2,
    });
    expect(Array.from(row(two, 0).keys())).toEqual([1, 2]);
  });
});

describe('contentNeighbors', () => {
  it('links items sharing rare attributes more than items sharing a common one', () => {
    const attrs = [[0, 1], [0, 1], [0, 2], [0, 3], undefined].map((a) =>
      a ? Int32Array.from(a) : undefined,
    );
    const rows = contentNeighbors(attrs, 5, 4, 10);
    const from0 = row(rows, 0);
    expect(from0.get(1)).toBeCloseTo(1, 6);
    expect(from0.get(1)!).toBeGreaterThan(from0.get(2)!);
    expect(row(rows, 4).size).toBe(0);
  });
});

describe('topK', () => {
  it('returns the best k, ties by lower index, honouring skip', () => {
    const scores = [0.5, 0.9, 0.5, 0.1, 0.9];
    expect(topK(rangeCandidates(5), 5, scores, 3)).toEqual([1, 4, 0]);
    expect(topK(rangeCandidates(5), 5, scores, 3, (i) => i === 4)).toEqual([1, 0, 2]);
    expect(topK(rangeCandidates(5), 5, scores, 0)).toEqual([]);
    expect(topK(rangeCandidates(5), 5, scores, 10)).toHaveLength(5);
  });
});

describe('typed array codec', () => {
  it('round-trips exactly', () => {
    const ints = Int32Array.from([0, -1, 2147483647, 42]);
    const floats = Float32Array.from([0.1, -3.5, 1e-30, 7]);
    expect(Array.from(decodeInt32(encodeTyped(ints)))).toEqual(Array.from(ints));
    expect(Array.from(decodeFloat32(encodeTyped(floats)))).toEqual(Array.from(floats));
  });
});
