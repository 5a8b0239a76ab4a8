import type { EvalCase } from './leave-one-out.js';
import { createRng } from './rng.js';

/**
 * For each case, `count` distinct items drawn uniformly from items the user never interacted with
 * (`interacted[case.user]`, the whole sequence including the target), from one seeded stream so
 * every run and every model is ranked against the same negatives.
 */
export function sampleNegatives(
  cases: readonly EvalCase[],
  interacted: readonly ArrayLike<number>[],
  nItems: number,
  count = 99,
  seed = 2020,
): Int32Array[] {
  const rng = createRng(seed);
  return cases.map((c) => {
    const own = new Set<number>(Array.from(interacted[c.user] ?? []));
    own.add(c.target);
    const available = nItems - own.size;
    const take = Math.max(0, Math.min(count, available));
    const picked = new Set<number>();
    if (take === available) {
      // Small catalogue: every remaining item is a negative.
      for (let i = 0; i < nItems; i++) if (!own.has(i)) picked.add(i);
    } else {
      while (picked.size < take) {
        const i = Math.floor(rng() * nItems);
        if (!own.has(i)) picked.add(i);
      }
    }
    return Int32Array.from(picked);
  });
}
