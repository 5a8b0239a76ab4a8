import type { EvalCase } from './leave-one-out.js';
import { fullRank, MetricAccumulator, sampledRank, type Metrics } from './ranking-metrics.js';

/** Scores every item index for a history of item indices. */
export type ScoreFn = (history: ArrayLike<number>, out: Float64Array) => void;

export interface EvalResult {
  fullRanking: Metrics;
  sampled: Metrics;
  users: number;
}

/**
 * Ranks each case's target against every item except the history (full ranking) and against its
 * sampled negatives, with ties counted ahead of the target.
 */
export function evaluateCases(
  cases: readonly EvalCase[],
  score: ScoreFn,
  nItems: number,
  negatives: readonly Int32Array[],
  onProgress?: (done: number) => void,
): EvalResult {
  const scores = new Float64Array(nItems);
  const full = new MetricAccumulator();
  const sampled = new MetricAccumulator();
  cases.forEach((c, i) => {
    score(c.history, scores);
    full.add(fullRank(scores, c.target, c.history));
    sampled.add(sampledRank(scores, c.target, negatives[i] ?? new Int32Array(0)));
    if (onProgress && (i + 1) % 500 === 0) onProgress(i + 1);
  });
  onProgress?.(cases.length);
  return { fullRanking: full.result(), sampled: sampled.result(), users: cases.length };
}

/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}
