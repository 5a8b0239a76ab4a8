import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Models } from '../db/models/index.js';
import { storeModel } from '../shared/stored-model-cache.js';
import { loadShopperActivity } from './activity-loader.js';
import { computeFeatures, SEGMENT_FEATURES, segmentVector } from './features.js';
import { nameSegment } from './segment-names.js';
import { trainSegments, type SegmentModel } from './segmentation.js';

export interface TrainSegmentsDeps {
  models: Models;
  catalog: ProductCatalog;
  now?: () => Date;
}

export interface TrainSegmentsResult {
  version: number;
  k: number;
  silhouette: number;
  customers: number;
  names: string[];
  sizes: number[];
}

/**
 * Trains segments over all customers. Customers are streamed by cursor and only a bounded
 * reservoir sample of feature vectors is kept, so memory stays flat however large the store is;
 * every profile job then assigns its shopper to the nearest stored centroid.
 */
export async function trainSegmentModel(
  deps: TrainSegmentsDeps,
  options: { k?: number; maxSample?: number; seed?: number; onProgress?: (done: number) => void } = {},
): Promise<TrainSegmentsResult> {
  const now = deps.now?.() ?? new Date();
  const maxSample = options.maxSample ?? 20_000;
  const sample: number[][] = [];
  let seen = 0;
  let rng = (options.seed ?? 7) >>> 0 || 1;
  const cursor = deps.models.Customer.find({}, { _id: 1 }).lean().cursor({ batchSize: 500 });
  const inFlight: Promise<void>[] = [];
  for await (const c of cursor) {
    const id = c._id.toString();
    inFlight.push(
      loadShopperActivity(deps.models, deps.catalog, id, now).then((activity) => {
        const v = segmentVector(computeFeatures(activity));
        seen += 1;
        if (sample.length < maxSample) sample.push(v);
        else {
          rng = (rng * 1664525 + 1013904223) >>> 0;
          const j = rng % seen;
          if (j < maxSample) sample[j] = v;
        }
        options.onProgress?.(seen);
      }),
    );
    if (inFlight.length >= 16) await Promise.all(inFlight.splice(0));
  }
  await Promise.all(inFlight);
  const model: SegmentModel = trainSegments(sample, {
    featureNames: SEGMENT_FEATURES,
    k: options.k,
    seed: options.seed,
    nameSegment,
  });
  const version = await storeModel(deps.models, 'segments', model, {
    customers: seen,
    k: model.k,
    silhouette: model.silhouette,
  });
  return { version, k: model.k, silhouette: model.silhouette, customers: seen, names: model.names, sizes: model.sizes };
}

export function decodeSegmentModel(data: unknown): SegmentModel {
  const m = data as SegmentModel;
  if (!Array.isArray(m?.centroids) || !Array.isArray(m?.scaler?.mean)) throw new Error('stored segment model is malformed');
  return m;
}
