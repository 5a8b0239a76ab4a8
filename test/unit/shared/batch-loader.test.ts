import { describe, expect, it } from 'vitest';
import { createBatchLoader } from '../../../src/shared/batch-loader.js';

describe('batch loader', () => {
  it('turns the keys asked for in one tick into one query and fans the results out', async () => {
    const calls: string[][] = [];
    const loader = createBatchLoader(async (keys: string[]) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    }, null);
    const results = await Promise.all(['a', 'b', 'a', 'missing'].map((k) => loader.load(k)));
    expect(results).toEqual(['A', 'B', 'A', null]);
    expect(calls).toEqual([['a', 'b', 'missing']]);
    // Nothing is cached: a later call reads again.
    expect(await loader.load('a')).toBe('A');
    expect(calls).toHaveLength(2);
  });

  it('caps a batch at maxBatch keys', async () => {
    const sizes: number[] = [];
    const loader = createBatchLoader(
      async (keys: number[]) => {
        sizes.push(keys.length);
        return new Map(keys.map((k) => [k, k * 2]));
      },
      0,
      { maxBatch: 3 },
    );
    expect(await Promise.all([1, 2, 3, 4, 5].map((k) => loader.load(k)))).toEqual([2, 4, 6, 8, 10]);
    expect(sizes).toEqual([3, 2]);
  });

  it('rejects every caller of a failed batch', async () => {
    const loader = createBatchLoader<string, number>(async () => {
      throw new Error('down');
    }, 0);
    const settled = await Promise.allSettled([loader.load('x'), loader.load('y')]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
  });
});
