import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../../src/generate/pool/batcher.js';

describe('batcher', () => {
  it('batches concurrent requests up to B and answers each in order', async () => {
    const sizes: number[] = [];
    const batcher = createBatcher<number, number>({
      maxBatch: 8,
      maxWaitMs: 20,
      run: async (xs) => {
        sizes.push(xs.length);
        await new Promise((r) => setTimeout(r, 5));
        return xs.map((x) => x * 2);
      },
    });
    const out = await Promise.all(Array.from({ length: 20 }, (_, i) => batcher.submit(i)));
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(sizes).toEqual([8, 8, 4]);
    expect(batcher.stats.maxBatchSeen).toBe(8);
    await batcher.close();
  });

  it('runs a partial batch after at most W ms', async () => {
    const batcher = createBatcher<number, number>({ maxBatch: 64, maxWaitMs: 30, run: async (xs) => xs });
    const t0 = Date.now();
    await batcher.submit(1);
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(25);
    expect(waited).toBeLessThan(500);
    await batcher.close();
  });

  it('rejects only the requests whose result is an error, and refuses work after close', async () => {
    const batcher = createBatcher<number, number>({
      maxBatch: 4,
      maxWaitMs: 1,
      run: async (xs) => xs.map((x) => (x === 2 ? new Error('bad') : x)),
    });
    const results = await Promise.allSettled([1, 2, 3].map((x) => batcher.submit(x)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await batcher.close();
    await expect(batcher.submit(1)).rejects.toThrow(/closed/);
  });
});
