import { mulberry32 } from '../../shared/random.js';

/** Seeded PRNG (mulberry32): the same seed gives the same draws on every machine. */
export const createRng = mulberry32;

/** Fisher-Yates shuffle of 0..n-1 with a seeded generator; returns the first `take`. */
export function sampleIndices(n: number, take: number, seed: number): number[] {
  const rng = createRng(seed);
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = all[i] ?? 0;
    all[i] = all[j] ?? 0;
    all[j] = tmp;
  }
  return all.slice(0, Math.min(n, take)).sort((a, b) => a - b);
}
