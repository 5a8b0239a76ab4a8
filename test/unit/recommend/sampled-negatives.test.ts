import { describe, expect, it } from 'vitest';
import { holdOutLast } from '../../../src/recommend/eval/leave-one-out.js';
import { sampleNegatives } from '../../../src/recommend/eval/sampled-negatives.js';

const full = Array.from({ length: 30 }, (_, u) =>
  Int32Array.from({ length: 6 }, (_, p) => (u * 7 + p * 13) % 500),
);
const { cases } = holdOutLast(full);

describe('sampleNegatives', () => {
  it('draws the requested number of distinct items the user never interacted with', () => {
    const negatives = sampleNegatives(cases, full, 500, 99, 7);
    cases.forEach((c, i) => {
      const own = new Set(Array.from(full[c.user] ?? []));
      const neg = Array.from(negatives[i] ?? []);
      expect(neg).toHaveLength(99);
      expect(new Set(neg).size).toBe(99);
      for (const item of neg) {
        expect(own.has(item)).toBe(false);
        expect(item).not.toBe(c.target);
        expect(item).toBeGreaterThanOrEqual(0);
        expect(item).toBeLessThan(500);
      }
    });
  });

  it('is reproducible for a seed and changes with the seed', () => {
    const a = sampleNegatives(cases, full, 500, 99, 7).map((n) => Array.from(n));
    const b = sampleNegatives(cases, full, 500, 99, 7).map((n) => Array.from(n));
    const c = sampleNegatives(cases, full, 500, 99, 8).map((n) => Array.from(n));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('takes every remaining item when the catalogue is small', () => {
    const seqs = [Int32Array.from([0, 1, 2])];
    const negatives = sampleNegatives(holdOutLast(seqs).cases, seqs, 6, 99, 1);
    expect(Array.from(negatives[0] ?? []).sort()).toEqual([3, 4, 5]);
  });
});
