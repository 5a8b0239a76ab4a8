import { performance } from 'node:perf_hooks';
import { fitRecommender, tuneRecommender, type RecommenderParams } from '../algorithms/index.js';
import { plannedTrials } from '../algorithms/tune.js';
import type { FitInput, Recommender } from '../algorithms/types.js';
import { fitItemCosine, fitPopRec } from './baselines.js';
import { parseAttributeFile, parseSequenceFile } from './dataset.js';
import { evaluateCases, percentile, type EvalResult, type ScoreFn } from './evaluate.js';
import { leaveOneOut } from './leave-one-out.js';
import type { Metrics } from './ranking-metrics.js';
import { sampleIndices } from './rng.js';
import { sampleNegatives } from './sampled-negatives.js';

/** Progress of one long phase; the CLI draws it, tests pass nothing. */
export interface PhaseProgress {
  update(done: number): void;
  stop(): void;
}
export type StartPhase = (name: string, total: number) => PhaseProgress;

export interface BenchmarkOptions {
  sequencesText: string;
  attributesText?: string;
  /** Tune on validation targets (default true); false uses DEFAULT_PARAMS. */
  tune?: boolean;
  tuneUsers?: number;
  tuneRounds?: number;
  tuneBudgetMs?: number;
  /** Seed of the sampled negatives and of the tuning subset. */
  seed?: number;
  /** Users timed for top-10 latency. */
  latencyUsers?: number;
  startPhase?: StartPhase;
}

export interface BenchmarkResult {
  dataset: { users: number; items: number; interactions: number; testUsers: number };
  fullRanking: Metrics;
  sampled: Metrics;
  /** The tuned model's validation metrics (on the tuning subset). */
  validation: Metrics | null;
  baselines: Record<string, { fullRanking: Metrics; sampled: Metrics }>;
  fitSeconds: number;
  tuneSeconds: number;
  tuneTrials: number;
  /** Wall-clock time per recommend(history, 10) call, including any time the OS ran other processes. */
  latencyMs: { p50: number; p99: number };
  /** CPU time of this process per call: the cost of the call itself on a busy machine. */
  latencyCpuMs: { p50: number; p99: number };
  peakMemoryMB: number;
  modelJsonMB: number;
  params: RecommenderParams;
}

const silent: StartPhase = () => ({ update: () => undefined, stop: () => undefined });

/**
 * Leave-one-out benchmark: tune on validation targets, fit on everything but each user's test
 * item, then rank test targets (full ranking and 99 sampled negatives) for the model and the
 * PopRec / ItemCosine baselines.
 */
export function runBenchmark(options: BenchmarkOptions): BenchmarkResult {
  const startPhase = options.startPhase ?? silent;
  const seed = options.seed ?? 2020;
  const dataset = parseSequenceFile(options.sequencesText);
  const attributes = options.attributesText ? parseAttributeFile(options.attributesText) : undefined;
  const universe = dataset.items;
  const index = new Map(universe.map((id, i) => [id, i]));
  const encoded = dataset.sequences.map((seq) => Int32Array.from(seq, (id) => index.get(id) ?? -1));
  const { test } = leaveOneOut(encoded);
  // Everything but each user's test item: what tuning (which holds out the next item) and the final fit see.
  const trainStrings = test.train.map((seq) => Array.from(seq, (i) => universe[i] ?? ''));
  const input: FitInput = { sequences: trainStrings, items: universe };
  if (attributes) input.attributes = attributes;
  const negatives = sampleNegatives(test.cases, encoded, universe.length, 99, seed);

  let params: RecommenderParams | undefined;
  let validation: Metrics | null = null;
  let tuneSeconds = 0;
  let tuneTrials = 0;
  if (options.tune ?? true) {
    const rounds = options.tuneRounds ?? 2;
    const planned = plannedTrials({ rounds });
    const bar = startPhase('tune (validation targets)', planned);
    const tuned = tuneRecommender(input, {
      maxUsers: options.tuneUsers ?? 10000,
      rounds,
      timeBudgetMs: options.tuneBudgetMs ?? 10 * 60_000,
      seed,
      onTrial: (t) => bar.update(Math.min(t.index, planned)),
    });
    bar.stop();
    params = tuned.params;
    validation = tuned.validation;
    tuneSeconds = tuned.seconds;
    tuneTrials = tuned.trials;
  }

  const fitStart = performance.now();
  const model = fitRecommender(input, params);
  const fitSeconds = (performance.now() - fitStart) / 1000;
  assertAligned(model, universe);

  const evaluate = (name: string, score: ScoreFn): EvalResult => {
    const bar = startPhase(`evaluate ${name}`, test.cases.length);
    const result = evaluateCases(test.cases, score, universe.length, negatives, (n) => bar.update(n));
    bar.stop();
    return result;
  };
  const ours = evaluate('model', (h, out) => model.scoreIndices(h, out));
  const { wall: latencyMs, cpu: latencyCpuMs } = measureLatency(
    model,
    trainStrings,
    options.latencyUsers ?? 2000,
    seed,
    startPhase,
  );

  const popRec = evaluate('PopRec', fitPopRec(test.train, universe.length));
  const cosine = fitItemCosine(input);
  assertAligned(cosine, universe);
  const itemCosine = evaluate('ItemCosine', (h, out) => cosine.scoreIndices(h, out));

  return {
    dataset: {
      users: dataset.sequences.length,
      items: universe.length,
      interactions: dataset.sequences.reduce((n, s) => n + s.length, 0),
      testUsers: test.cases.length,
    },
    fullRanking: ours.fullRanking,
    sampled: ours.sampled,
    validation,
    baselines: {
      PopRec: { fullRanking: popRec.fullRanking, sampled: popRec.sampled },
      ItemCosine: { fullRanking: itemCosine.fullRanking, sampled: itemCosine.sampled },
    },
    fitSeconds,
    tuneSeconds,
    tuneTrials,
    latencyMs,
    latencyCpuMs,
    peakMemoryMB: process.resourceUsage().maxRSS / 1024,
    modelJsonMB: JSON.stringify(model.toJSON()).length / 1e6,
    params: model.params,
  };
}

/** The harness ranks by universe index, so model index i must be universe item i. */
function assertAligned(model: Recommender, universe: readonly string[]): void {
  universe.forEach((id, i) => {
    if (model.indexOf(id) !== i) throw new Error(`model index of item ${id} is not ${i}`);
  });
}

interface Percentiles {
  p50: number;
  p99: number;
}

/** Wall and CPU time of `recommend(history, 10)` through the public string API, per user. */
function measureLatency(
  model: Recommender,
  histories: readonly string[][],
  users: number,
  seed: number,
  startPhase: StartPhase,
): { wall: Percentiles; cpu: Percentiles } {
  const picked = sampleIndices(histories.length, users, seed + 1);
  for (const u of picked.slice(0, 100)) model.recommend(histories[u] ?? [], 10); // warm-up (JIT)
  const bar = startPhase('latency top-10', picked.length);
  const wall: number[] = [];
  const cpu: number[] = [];
  picked.forEach((u, n) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    model.recommend(histories[u] ?? [], 10);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if ((n + 1) % 200 === 0) bar.update(n + 1);
  });
  bar.stop();
  return {
    wall: { p50: percentile(wall, 50), p99: percentile(wall, 99) },
    cpu: { p50: percentile(cpu, 50), p99: percentile(cpu, 99) },
  };
}
