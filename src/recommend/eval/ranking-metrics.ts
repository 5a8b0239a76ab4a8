/** Metric names reported by the offline evaluation, in report order. */
export const METRIC_NAMES = ['HR@10', 'NDCG@10', 'HR@20', 'NDCG@20'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export type Metrics = Record<MetricName, number>;

/**
 * 1-based rank of `target` among all items except `excluded` (the user's history), counting every
 * other candidate whose score is >= the target's: ties are ranked ahead of the target, never
 * optimistically behind it. A NaN target score ranks last.
 */
export function fullRank(scores: ArrayLike<number>, target: number, excluded: ArrayLike<number>): number {
  const t = scores[target] ?? Number.NaN;
  if (Number.isNaN(t)) return scores.length;
  let ahead = 0;
  for (let j = 0; j < scores.length; j++) if ((scores[j] ?? -Infinity) >= t) ahead++;
  ahead--; // the target itself
  const seen = new Set<number>();
  for (let e = 0; e < excluded.length; e++) {
    const j = excluded[e] ?? -1;
    if (j === target || seen.has(j)) continue;
    seen.add(j);
    if ((scores[j] ?? -Infinity) >= t) ahead--;
  }
  return ahead + 1;
}

/** 1-based rank of `target` against sampled negatives, ties counted ahead of the target. */
export function sampledRank(scores: ArrayLike<number>, target: number, negatives: ArrayLike<number>): number {
  const t = scores[target] ?? Number.NaN;
  if (Number.isNaN(t)) return negatives.length + 1;
  let ahead = 0;
  for (let e = 0; e < negatives.length; e++) if ((scores[negatives[e] ?? -1] ?? -Infinity) >= t) ahead++;
  return ahead + 1;
}

/** Hit ratio at k for one relevant item. */
export function hitAt(rank: number, k: number): number {
  return rank <= k ? 1 : 0;
}

/** NDCG at k for one relevant item: 1 / log2(rank + 1) inside the top k. */
export function ndcgAt(rank: number, k: number): number {
  return rank <= k ? 1 / Math.log2(rank + 1) : 0;
}

/** Averages HR/NDCG@10/20 over users from their ranks. */
export class MetricAccumulator {
  private readonly sums: Metrics = { 'HR@10': 0, 'NDCG@10': 0, 'HR@20': 0, 'NDCG@20': 0 };
  private n = 0;

  add(rank: number): void {
    this.sums['HR@10'] += hitAt(rank, 10);
    this.sums['NDCG@10'] += ndcgAt(rank, 10);
    this.sums['HR@20'] += hitAt(rank, 20);
    this.sums['NDCG@20'] += ndcgAt(rank, 20);
    this.n++;
  }

  get count(): number {
    return this.n;
  }

  result(): Metrics {
    const d = Math.max(1, this.n);
    return {
      'HR@10': this.sums['HR@10'] / d,
      'NDCG@10': this.sums['NDCG@10'] / d,
      'HR@20': this.sums['HR@20'] / d,
      'NDCG@20': this.sums['NDCG@20'] / d,
    };
  }
}
