import { holdOutLast, type EvalCase } from '../eval/leave-one-out.js';
import { fullRank, MetricAccumulator, type MetricName, type Metrics } from '../eval/ranking-metrics.js';
import { sampleIndices } from '../eval/rng.js';
import { BlendedRecommender } from './blended-recommender.js';
import { encodeInput } from './encode-input.js';
import { PartsFitter } from './fit-parts.js';
import { resolveParams, type RecommenderParams } from './params.js';
import type { FitInput } from './types.js';

type TunableKey = Exclude<keyof RecommenderParams, 'forwardWeight'>;

/**
 * Values tried per parameter. Absolute grids are meaningful on any dataset because transition
 * similarities are rescaled to a unit mean row maximum. forwardWeight stays 1: only the ratio
 * backward/forward matters.
 */
export const DEFAULT_GRID: Readonly<Record<TunableKey, readonly number[]>> = {
  recencyDecay: [0.2, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9],
  historyLimit: [3, 5, 10, 20, 50],
  contentWeight: [0, 0.03, 0.1, 0.2, 0.4, 0.7, 1.2],
  popularityWeight: [0, 0.001, 0.003, 0.01, 0.03, 0.1],
  window: [1, 2, 3, 5, 8, 12, 20, 40],
  distanceDecay: [0.2, 0.4, 0.6, 0.75, 0.9, 1],
  backwardWeight: [0, 0.05, 0.1, 0.2, 0.4, 0.7, 1],
  lengthDamping: [0, 0.25, 0.5, 0.75, 1],
  sourceExponent: [0, 0.25, 0.5, 0.75, 1],
  targetExponent: [0, 0.25, 0.5, 0.75, 1],
  shrink: [0, 1, 3, 10, 30],
  neighbors: [100, 200, 400, 800],
  contentNeighbors: [20, 50, 100, 200],
};

/** Cheap (scoring-only) parameters first, so each costly refit is judged against a tuned blend. */
const ORDER: readonly TunableKey[] = [
  'recencyDecay',
  'contentWeight',
  'popularityWeight',
  'historyLimit',
  'window',
  'distanceDecay',
  'backwardWeight',
  'lengthDamping',
  'sourceExponent',
  'targetExponent',
  'shrink',
  'neighbors',
  'contentNeighbors',
];

export interface TuneOptions {
  /** Starting point; defaults to DEFAULT_PARAMS. */
  initial?: Partial<RecommenderParams>;
  /** Values tried per parameter (omitted keys use DEFAULT_GRID; an empty list freezes the key). */
  grid?: Partial<Record<TunableKey, readonly number[]>>;
  /** Validation users scored per trial, a fixed random subset (default 10000). */
  maxUsers?: number;
  /** Passes of coordinate search (default 2). */
  rounds?: number;
  /** Metric maximised on validation targets (default NDCG@10). */
  objective?: MetricName;
  /** Stops starting new trials after this long (default 10 minutes). */
  timeBudgetMs?: number;
  seed?: number;
  onTrial?: (trial: { index: number; key: string; value: number; score: number; best: number }) => void;
}

export interface TuneResult {
  params: RecommenderParams;
  validation: Metrics;
  trials: number;
  seconds: number;
}

/**
 * Coordinate search on validation targets only: each user's LAST item in `input.sequences` is held
 * out, the model is fitted on the rest, and a parameter value is kept when it raises the objective.
 * Pass training sequences (without test items) so test targets are never seen.
 */
export function tuneRecommender(input: FitInput, options: TuneOptions = {}): TuneResult {
  const started = Date.now();
  const { items, data } = encodeInput(input);
  const { train, cases: allCases } = holdOutLast(data.sequences);
  const picked = sampleIndices(allCases.length, options.maxUsers ?? 10000, options.seed ?? 42);
  const cases = picked.map((i) => allCases[i]).filter((c): c is EvalCase => c !== undefined);
  const fitter = new PartsFitter({ ...data, sequences: train });
  const objective = options.objective ?? 'NDCG@10';
  const budget = options.timeBudgetMs ?? 10 * 60_000;
  const grid = { ...DEFAULT_GRID, ...options.grid };

  const evaluate = (params: RecommenderParams): Metrics =>
    validationMetrics(new BlendedRecommender(items, fitter.fit(params), params), cases);

  let best = resolveParams(options.initial);
  let bestMetrics = evaluate(best);
  let trials = 1;
  const seen = new Set<string>([JSON.stringify(best)]);
  for (let round = 0; round < (options.rounds ?? 2); round++) {
    let improved = false;
    for (const key of ORDER) {
      for (const value of grid[key]) {
        if (Date.now() - started > budget) return finish();
        const candidate = resolveParams({ ...best, [key]: value });
        const id = JSON.stringify(candidate);
        if (seen.has(id)) continue;
        seen.add(id);
        const metrics = evaluate(candidate);
        trials++;
        if (metrics[objective] > bestMetrics[objective]) {
          best = candidate;
          bestMetrics = metrics;
          improved = true;
        }
        options.onTrial?.({
          index: trials,
          key,
          value,
          score: metrics[objective],
          best: bestMetrics[objective],
        });
      }
    }
    if (!improved) break;
  }
  return finish();

  function finish(): TuneResult {
    return { params: best, validation: bestMetrics, trials, seconds: (Date.now() - started) / 1000 };
  }
}

/** Upper bound on trials (a round that improves nothing ends the search early). */
export function plannedTrials(options: Pick<TuneOptions, 'grid' | 'rounds'> = {}): number {
  const grid = { ...DEFAULT_GRID, ...options.grid };
  return 1 + (options.rounds ?? 2) * ORDER.reduce((n, key) => n + grid[key].length, 0);
}

function validationMetrics(model: BlendedRecommender, cases: readonly EvalCase[]): Metrics {
  const scores = new Float64Array(model.size);
  const acc = new MetricAccumulator();
  for (const c of cases) {
    model.scoreIndices(c.history, scores);
    acc.add(fullRank(scores, c.target, c.history));
  }
  return acc.result();
}
