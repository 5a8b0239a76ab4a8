import { describe, expect, it } from 'vitest';
import { SEGMENT_FEATURES } from '../../../src/profile/features.js';
import { nameSegment } from '../../../src/profile/segment-names.js';
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
      nameSegment,
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
    const model = trainSegments(blobs(90), { featureNames: SEGMENT_FEATURES, k: 4, seed: 1, nameSegment });
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
