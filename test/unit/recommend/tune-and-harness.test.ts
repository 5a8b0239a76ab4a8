import { describe, expect, it } from 'vitest';
import { tuneRecommender } from '../../../src/recommend/algorithms/index.js';
import { fitPopRec } from '../../../src/recommend/eval/baselines.js';
import { parseAttributeFile, parseSequenceFile } from '../../../src/recommend/eval/dataset.js';
import { percentile } from '../../../src/recommend/eval/evaluate.js';
import { runBenchmark } from '../../../src/recommend/eval/run-benchmark.js';

// Synthetic chains: users walk i -> i+1 -> i+2 ... so the next item is predictable.
function chainData(users: number, items: number, length: number): string {
  const lines: string[] = [];
  for (let u = 0; u < users; u++) {
    const start = (u * 7) % items;
    const seq = Array.from({ length }, (_, p) => `i${(start + p) % items}`);
    lines.push(`u${u} ${seq.join(' ')}`);
  }
  return lines.join('\n');
}

describe('dataset parsing', () => {
  it('reads the benchmark formats', () => {
    const d = parseSequenceFile('1 10 11 12\n2 11 13\n\n');
    expect(d.users).toEqual(['1', '2']);
    expect(d.sequences).toEqual([
      ['10', '11', '12'],
      ['11', '13'],
    ]);
    expect(d.items).toEqual(['10', '11', '12', '13']);
    expect(parseAttributeFile('{"10": [1, 2], "11": ["x"]}')).toEqual({ '10': ['1', '2'], '11': ['x'] });
    expect(() => parseAttributeFile('[1]')).toThrow();
  });
});

describe('baselines and helpers', () => {
  it('PopRec counts training occurrences only', () => {
    const score = fitPopRec([Int32Array.from([0, 1]), Int32Array.from([1])], 3);
    const out = new Float64Array(3);
    score([0], out);
    expect(Array.from(out)).toEqual([1, 2, 0]);
  });

  it('percentile uses the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 99)).toBe(5);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('tuneRecommender', () => {
  it('improves or keeps the validation objective within its grid', () => {
    const data = parseSequenceFile(chainData(60, 30, 6));
    const result = tuneRecommender(
      { sequences: data.sequences },
      {
        rounds: 1,
        grid: {
          window: [1, 3],
          recencyDecay: [0.3, 0.9],
          historyLimit: [],
          contentWeight: [],
          popularityWeight: [],
          distanceDecay: [],
          backwardWeight: [],
          lengthDamping: [],
          sourceExponent: [],
          targetExponent: [],
          shrink: [],
          neighbors: [],
          contentNeighbors: [],
        },
      },
    );
    // The starting point plus two values each for window and recencyDecay.
    expect(result.trials).toBe(5);
    expect(result.validation['HR@10']).toBeGreaterThan(0.9);
    expect([1, 3, 20]).toContain(result.params.window);
  });
});

describe('runBenchmark', () => {
  it('runs the whole protocol on a small synthetic file', () => {
    const result = runBenchmark({ sequencesText: chainData(80, 40, 7), tune: false, latencyUsers: 20 });
    expect(result.dataset).toMatchObject({ users: 80, items: 40, testUsers: 80 });
    expect(result.fullRanking['HR@10']).toBeGreaterThan(0.9);
    expect(result.fullRanking['HR@10']).toBeGreaterThan(result.baselines.PopRec!.fullRanking['HR@10']);
    expect(Object.keys(result.sampled)).toEqual(['HR@10', 'NDCG@10', 'HR@20', 'NDCG@20']);
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p50);
  });
});
