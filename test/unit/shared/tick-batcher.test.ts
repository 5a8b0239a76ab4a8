import { describe, expect, it } from 'vitest';
import { createTickBatcher } from '../../../src/shared/tick-batcher.js';

describe('tick batcher', () => {
  it('answers each caller of one tick from a single run, in order, duplicates included', async () => {
    const runs: number[][] = [];
    const double = createTickBatcher(async (xs: number[]) => {
      runs.push(xs);
      return xs.map((x) => x * 2);
    });
    expect(await Promise.all([3, 1, 3].map(double))).toEqual([6, 2, 6]);
    expect(runs).toEqual([[3, 1, 3]]);
    expect(await double(5)).toBe(10);
    expect(runs).toHaveLength(2);
  });

  it('joins callers that arrive in later microtask turns of the same tick', async () => {
    const runs: string[][] = [];
    const echo = createTickBatcher(async (xs: string[]) => {
      runs.push(xs);
      return xs;
    });
    const late = Promise.resolve()
      .then(() => undefined)
      .then(() => echo('late'));
    expect(await Promise.all([echo('early'), late])).toEqual(['early', 'late']);
    expect(runs).toEqual([['early', 'late']]);
  });

  it('splits at maxBatch', async () => {
    const sizes: number[] = [];
    const echo = createTickBatcher(
      async (xs: number[]) => {
        sizes.push(xs.length);
        return xs;
      },
      { maxBatch: 2 },
    );
    expect(await Promise.all([1, 2, 3, 4, 5].map(echo))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('rejects every caller when the run fails or answers the wrong number of items', async () => {
    const failing = createTickBatcher<number, number>(async () => {
      throw new Error('down');
    });
    const short = createTickBatcher<number, number>(async (xs) => xs.slice(1));
    for (const fn of [failing, short]) {
      const settled = await Promise.allSettled([fn(1), fn(2)]);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    }
  });
});
