import { describe, expect, it } from 'vitest';
import { SEGMENT_FEATURES } from '../../../src/profile/features.js';
import { nameSegment, nameSegments } from '../../../src/profile/segment-names.js';
import { assignSegment, silhouette, trainSegments } from '../../../src/profile/segmentation.js';

/** Three well separated blobs in the segment feature space. */
function blobs(n: number): number[][] {
  let s = 1;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2;
  const centres = [
    [0.5, 3, 6, 4, 2, 1, 0.5, 1, 2],
    [5, 0, 0, 0, 3, 0.5, 1, 0, 1],
    [5.9, 0.3, 1, 1, 0, 0, 5.9, 0, 0],
  ];
  return Array.from({ length: n }, (_, i) => centres[i % 3]!.map((v) => v + rnd()));
}

describe('segmentation', () => {
  it('chooses k by silhouette and recovers separated groups', () => {
    const data = blobs(300);
    const model = trainSegments(data, {
      featureNames: SEGMENT_FEATURES,
      kRange: [2, 6],
      seed: 3,
      nameSegments,
    });
    expect(model.k).toBe(3);
    expect(model.silhouette).toBeGreaterThan(0.8);
    expect(model.sizes.sort()).toEqual([100, 100, 100]);
    // Members of one blob land in one segment.
    const a = assignSegment(model, data[0]!);
    expect(assignSegment(model, data[3]!)).toBe(a);
    expect(assignSegment(model, data[1]!)).not.toBe(a);
  });

  it('honours a configured k and gives every segment a distinct readable name', () => {
    const model = trainSegments(blobs(90), { featureNames: SEGMENT_FEATURES, k: 4, seed: 1, nameSegments });
    expect(model.k).toBe(4);
    expect(new Set(model.names).size).toBe(4);
    for (const n of model.names) expect(n).toMatch(/^[a-z -]+( \d)?$/);
  });

  it('silhouette is 1 for points on their centres and lower for mixed labels', () => {
    const pts = [[0], [0], [10], [10]];
    expect(silhouette(pts, [0, 0, 1, 1])).toBeCloseTo(1);
    expect(silhouette(pts, [0, 1, 0, 1])).toBeLessThan(0);
  });

  it('names a high-frequency, high-spend centroid as loyal big spenders', () => {
    const z = SEGMENT_FEATURES.map((f) => (f === 'frequency' || f === 'monetary' ? 1.5 : 0));
    expect(nameSegment(z, SEGMENT_FEATURES)).toBe('loyal big spenders');
  });
});

describe('distinct segment names', () => {
  /** A standardised centroid: 0 on every feature but the ones given. */
  const centroid = (z: Partial<Record<(typeof SEGMENT_FEATURES)[number], number>>) =>
    SEGMENT_FEATURES.map((f) => z[f] ?? 0);
  const bigSpenders = { frequency: 1.5, monetary: 1.5 };

  it('keeps names that are already distinct as nameSegment gives them', () => {
    const cs = [centroid(bigSpenders), centroid({ recencyDays: 1, frequency: 0.2 }), centroid({})];
    expect(nameSegments(cs, SEGMENT_FEATURES)).toEqual(cs.map((c) => nameSegment(c, SEGMENT_FEATURES)));
  });

  it('tells namesakes apart by the feature on which they differ most', () => {
    const names = nameSegments(
      [
        centroid({ ...bigSpenders, avgOrderValue: 1.2, views30d: 0.1 }),
        centroid({ recencyDays: 1, frequency: 0.2 }),
        centroid({ ...bigSpenders, avgOrderValue: -0.4, views30d: 0.3 }),
      ],
      SEGMENT_FEATURES,
    );
    expect(names).toEqual([
      'bigger-basket loyal big spenders',
      'lapsed customers',
      'smaller-basket loyal big spenders',
    ]);
  });

  it('goes on to the next feature while namesakes remain, and uses a numeral only when nothing separates them', () => {
    const names = nameSegments(
      [
        centroid({ ...bigSpenders, avgOrderValue: 1.2, views30d: -0.5 }),
        centroid({ ...bigSpenders, avgOrderValue: -0.4 }),
        centroid({ ...bigSpenders, avgOrderValue: 1.1, views30d: 0.6 }),
        centroid({ ...bigSpenders, avgOrderValue: -0.4, emailClicks90d: 0.1 }),
      ],
      SEGMENT_FEATURES,
    );
    expect(names).toEqual([
      'lighter-browsing bigger-basket loyal big spenders',
      'smaller-basket loyal big spenders',
      'heavier-browsing bigger-basket loyal big spenders',
      // 0.1 apart on email clicks is not a difference worth a name.
      'smaller-basket loyal big spenders 2',
    ]);
    for (const n of names) expect(n).toMatch(/^[a-z -]+( \d)?$/);
  });

  it('names a trained model whose two big-spender groups differ in basket size without a numeral', () => {
    let s = 5;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2;
    const centres = [
      [0.5, 3, 6, 5, 2, 1, 0.5, 1, 1],
      [0.5, 3, 6, 3, 2, 1, 0.5, 1, 1],
      [5, 0, 0, 0, 3, 0.5, 1, 0, 1],
      [5.9, 0.3, 1, 1, 0, 0, 5.9, 0, 0],
    ];
    const data = Array.from({ length: 200 }, (_, i) => centres[i % 4]!.map((v) => v + rnd()));
    const model = trainSegments(data, { featureNames: SEGMENT_FEATURES, k: 4, seed: 2, nameSegments });
    // Named one at a time, the two big-spender segments would collide.
    const oneByOne = model.centroids.map((c) => nameSegment(c, SEGMENT_FEATURES));
    expect(oneByOne.filter((n) => n === 'email-engaged loyal big spenders')).toHaveLength(2);
    const names = model.names;
    expect(names).toEqual(nameSegments(model.centroids, SEGMENT_FEATURES));
    expect(new Set(names).size).toBe(4);
    expect(names.filter((n) => /loyal big spenders/.test(n)).sort()).toEqual([
      'bigger-basket email-engaged loyal big spenders',
      'smaller-basket email-engaged loyal big spenders',
    ]);
    for (const n of names) expect(n).not.toMatch(/\d/);
  });
});
