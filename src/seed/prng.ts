import { mixSeed, mulberry32 } from '../shared/random.js';

export { mixSeed, mulberry32 };

export interface Random {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Index drawn in proportion to weights. */
  weighted(weights: readonly number[]): number;
  /** Heavy-tailed positive integer (Pareto with shape alpha, at least 1). */
  pareto(alpha: number, max: number): number;
  shuffle<T>(items: T[]): T[];
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const r: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted(weights) {
      let total = 0;
      for (const w of weights) total += w;
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i] ?? 0;
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    pareto: (alpha, max) => Math.min(max, Math.floor(1 / Math.pow(1 - next(), 1 / alpha))),
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i] as T;
        items[i] = items[j] as T;
        items[j] = tmp;
      }
      return items;
    },
  };
  return r;
}

/** Samples indices from fixed weights in O(log n) (cumulative table + binary search). */
export function createSampler(weights: readonly number[]): (random: () => number) => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    cumulative[i] = total;
  });
  return (random) => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** A deterministic 24-hex ObjectId string: kind byte, seed, running index. */
export function seededObjectId(kind: number, seed: number, index: number): string {
  const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);
  return `${hex(kind, 2)}${hex(seed, 8)}${hex(Math.floor(index / 0x100000000), 6)}${hex(index, 8)}`;
}
