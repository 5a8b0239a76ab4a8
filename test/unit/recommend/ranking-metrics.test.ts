import { describe, expect, it } from 'vitest';
import {
  fullRank,
  hitAt,
  MetricAccumulator,
  ndcgAt,
  sampledRank,
} from '../../../src/recommend/eval/ranking-metrics.js';

describe('fullRank', () => {
  it('ranks by score, best first', () => {
    const scores = [0.1, 0.9, 0.5, 0.3];
    expect(fullRank(scores, 1, [])).toBe(1);
    expect(fullRank(scores, 2, [])).toBe(2);
    expect(fullRank(scores, 0, [])).toBe(4);
  });

  it('places the target after every item with an equal score (never optimistic)', () => {
    const scores = [0, 0, 0, 0, 0];
    expect(fullRank(scores, 0, [])).toBe(5);
    expect(fullRank(scores, 4, [])).toBe(5);
    expect(fullRank([0.5, 0.2, 0.5, 0.5], 2, [])).toBe(3);
  });

  it('removes history items from the candidates, but never the target', () => {
    const scores = [0.9, 0.8, 0.7, 0.1];
    expect(fullRank(scores, 2, [0, 1])).toBe(1);
    expect(fullRank(scores, 2, [0, 0, 2])).toBe(2);
  });

  it('ranks a NaN target last', () => {
    expect(fullRank([Number.NaN, 0.1, 0.2], 0, [])).toBe(3);
  });
});

describe('sampledRank', () => {
  it('counts only negatives scoring at least the target', () => {
    const scores = [0.5, 0.9, 0.5, 0.1, 0.2];
    expect(sampledRank(scores, 0, [3, 4])).toBe(1);
    expect(sampledRank(scores, 0, [1, 2, 3])).toBe(3);
  });
});

describe('HR and NDCG', () => {
  it('follow the one-relevant-item definitions', () => {
    expect(hitAt(10, 10)).toBe(1);
    expect(hitAt(11, 10)).toBe(0);
    expect(ndcgAt(1, 10)).toBe(1);
    expect(ndcgAt(3, 10)).toBeCloseTo(0.5, 12);
    expect(ndcgAt(11, 10)).toBe(0);
    expect(ndcgAt(11, 20)).toBeCloseTo(1 / Math.log2(12), 12);
  });

  it('are averaged over users', () => {
    const acc = new MetricAccumulator();
    for (const rank of [1, 3, 15, 100]) acc.add(rank);
    const m = acc.result();
    expect(acc.count).toBe(4);
    expect(m['HR@10']).toBeCloseTo(0.5, 12);
    expect(m['HR@20']).toBeCloseTo(0.75, 12);
    expect(m['NDCG@10']).toBeCloseTo((1 + 0.5) / 4, 12);
    expect(m['NDCG@20']).toBeCloseTo((1 + 0.5 + 1 / Math.log2(16)) / 4, 12);
  });

  it('reports zeros, not NaN, with no users', () => {
    expect(new MetricAccumulator().result()['NDCG@10']).toBe(0);
  });
});
