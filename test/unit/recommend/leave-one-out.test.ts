import { describe, expect, it } from 'vitest';
import { holdOutLast, leaveOneOut } from '../../../src/recommend/eval/leave-one-out.js';

const seqs = [Int32Array.from([1, 2, 3, 4, 5]), Int32Array.from([6, 7, 8]), Int32Array.from([9, 10])];

describe('leaveOneOut', () => {
  it('tests on the last item with everything before it as history and training', () => {
    const { test } = leaveOneOut(seqs);
    expect(test.cases.map((c) => c.target)).toEqual([5, 8, 10]);
    expect(Array.from(test.cases[0]?.history ?? [])).toEqual([1, 2, 3, 4]);
    expect(test.train.map((s) => Array.from(s))).toEqual([[1, 2, 3, 4], [6, 7], [9]]);
  });

  it('validates on the second-last item and never trains on validation or test targets', () => {
    const { validation } = leaveOneOut(seqs);
    expect(validation.cases.map((c) => [c.user, c.target])).toEqual([
      [0, 4],
      [1, 7],
    ]);
    expect(Array.from(validation.cases[0]?.history ?? [])).toEqual([1, 2, 3]);
    const trained = new Set(validation.train.flatMap((s) => Array.from(s)));
    for (const t of [4, 5, 7, 8, 10]) expect(trained.has(t)).toBe(false);
  });

  it('gives no case to a user with nothing to condition on', () => {
    const { train, cases } = holdOutLast([Int32Array.from([1])]);
    expect(cases).toHaveLength(0);
    expect(Array.from(train[0] ?? [])).toEqual([1]);
  });
});
