import { kmeans } from 'ml-kmeans';
import { fitScaler, scale, type Scaler } from './standardize.js';

export interface SegmentModel {
  k: number;
  scaler: Scaler;
  centroids: number[][];
  names: string[];
  /** Silhouette of the chosen k on the evaluation sample. */
  silhouette: number;
  sizes: number[];
  featureNames: readonly string[];
}

export interface TrainSegmentsOptions {
  featureNames: readonly string[];
  /** Fixed k; when absent, k is chosen by silhouette among kRange. */
  k?: number;
  kRange?: [number, number];
  seed?: number;
  /** Silhouette is O(n^2): it is computed on at most this many points. */
  silhouetteSample?: number;
  /** Names every centroid (standardised), all distinct. */
  nameSegments: (centroidsZ: number[][], featureNames: readonly string[]) => string[];
}

export function trainSegments(vectors: number[][], opts: TrainSegmentsOptions): SegmentModel {
  if (vectors.length < 4) throw new Error(`need at least 4 shoppers to segment, got ${vectors.length}`);
  const scaler = fitScaler(vectors);
  const z = vectors.map((v) => scale(scaler, v));
  const seed = opts.seed ?? 42;
  const [lo, hi] = opts.kRange ?? [3, 8];
  const candidates = opts.k ? [opts.k] : range(lo, Math.min(hi, z.length - 1));
  const sample = sampleRows(z.length, opts.silhouetteSample ?? 1500, seed);

  let best: { k: number; score: number; centroids: number[][]; clusters: number[] } | undefined;
  for (const k of candidates) {
    const result = kmeans(z, k, { initialization: 'kmeans++', seed, maxIterations: 100 });
    const score = silhouette(
      sample.map((i) => z[i]!),
      sample.map((i) => result.clusters[i]!),
    );
    if (!best || score > best.score + 1e-9)
      best = { k, score, centroids: result.centroids, clusters: result.clusters };
  }
  const chosen = best!;
  const sizes = new Array<number>(chosen.k).fill(0);
  for (const c of chosen.clusters) sizes[c]! += 1;
  const names = opts.nameSegments(chosen.centroids, opts.featureNames);
  return {
    k: chosen.k,
    scaler,
    centroids: chosen.centroids,
    names,
    silhouette: chosen.score,
    sizes,
    featureNames: opts.featureNames,
  };
}

export function assignSegment(model: SegmentModel, vector: number[]): number {
  const z = scale(model.scaler, vector);
  let best = 0;
  let bestD = Infinity;
  model.centroids.forEach((c, i) => {
    const d = sqDist(c, z);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** Mean silhouette coefficient (Rousseeuw 1987) with Euclidean distance. */
export function silhouette(points: number[][], labels: number[]): number {
  const k = Math.max(...labels) + 1;
  if (k < 2) return -1;
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const sums = new Array<number>(k).fill(0);
    const counts = new Array<number>(k).fill(0);
    for (let j = 0; j < points.length; j++) {
      if (i === j) continue;
      const l = labels[j]!;
      sums[l]! += Math.sqrt(sqDist(points[i]!, points[j]!));
      counts[l]! += 1;
    }
    const own = labels[i]!;
    if (counts[own] === 0) continue;
    const a = sums[own]! / counts[own]!;
    let b = Infinity;
    for (let l = 0; l < k; l++) if (l !== own && counts[l]! > 0) b = Math.min(b, sums[l]! / counts[l]!);
    if (b === Infinity) continue;
    total += (b - a) / Math.max(a, b);
  }
  return total / points.length;
}

function sqDist(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s;
}

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = lo; k <= hi; k++) out.push(k);
  return out;
}

/** Deterministic sample of row indices (a seeded partial Fisher-Yates). */
function sampleRows(n: number, max: number, seed: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  if (n <= max) return idx;
  let s = seed >>> 0 || 1;
  for (let i = 0; i < max; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = i + (s % (n - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, max);
}
