import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Models } from '../db/models/index.js';
import { storeModel } from '../shared/stored-model-cache.js';
import { loadShopperActivities } from './activity-loader.js';
import { Types } from 'mongoose';
import { computeFeatures, SEGMENT_FEATURES, segmentVector, type ShopperFeatures } from './features.js';
import { profileFields } from './profile-service.js';
import { nameSegments } from './segment-names.js';
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

const PROFILE_WRITE_BATCH = 500;
/** Shoppers whose activity is read in one pair of queries. */
const ACTIVITY_PAGE = 200;

/**
 * Trains segments over all customers. Customers are streamed by cursor and only a bounded
 * reservoir sample of feature vectors is kept, so memory stays flat however large the store is.
 * The features computed on the way are stored as every shopper's profile (bulk upserts), and a
 * second streamed pass assigns each stored profile to its nearest new centroid, so profile jobs
 * within PROFILE_MAX_AGE_MS reuse them instead of re-reading each shopper's activity.
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
  let writes: Array<{ customerId: string; features: ShopperFeatures }> = [];
  const writeProfiles = async () => {
    const batch = writes;
    writes = [];
    if (batch.length === 0) return;
    await deps.models.Profile.bulkWrite(
      batch.map(({ customerId, features }) => {
        const {
          segment: _s,
          segmentName: _n,
          segmentModelVersion: _v,
          ...fields
        } = profileFields(features, undefined);
        return {
          updateOne: {
            filter: { customerId: new Types.ObjectId(customerId) },
            update: { $set: { ...fields, updatedAt: now } },
            upsert: true,
          },
        };
      }),
      { ordered: false },
    );
  };
  let page: string[] = [];
  const profilePage = async () => {
    const activities = await loadShopperActivities(deps.models, deps.catalog, page, now);
    page = [];
    for (const [id, activity] of activities) {
      const features = computeFeatures(activity);
      writes.push({ customerId: id, features });
      const v = segmentVector(features);
      seen += 1;
      if (sample.length < maxSample) sample.push(v);
      else {
        rng = (rng * 1664525 + 1013904223) >>> 0;
        const j = rng % seen;
        if (j < maxSample) sample[j] = v;
      }
    }
    options.onProgress?.(seen);
    if (writes.length >= PROFILE_WRITE_BATCH) await writeProfiles();
  };
  for await (const c of cursor) {
    page.push(c._id.toString());
    if (page.length >= ACTIVITY_PAGE) await profilePage();
  }
  if (page.length > 0) await profilePage();
  await writeProfiles();
  const model: SegmentModel = trainSegments(sample, {
    featureNames: SEGMENT_FEATURES,
    k: options.k,
    seed: options.seed,
    nameSegments,
  });
  const version = await storeModel(deps.models, 'segments', model, {
    customers: seen,
    k: model.k,
    silhouette: model.silhouette,
  });
  await assignStoredProfiles(deps, { version, value: model }, now);
  return {
    version,
    k: model.k,
    silhouette: model.silhouette,
    customers: seen,
    names: model.names,
    sizes: model.sizes,
  };
}

/** Second pass: every profile refreshed by this run gets its segment under the new model, in bulk. */
async function assignStoredProfiles(
  deps: TrainSegmentsDeps,
  model: { version: number; value: SegmentModel },
  since: Date,
) {
  const cursor = deps.models.Profile.find({ updatedAt: { $gte: since } }, { features: 1 })
    .lean()
    .cursor({ batchSize: 500 });
  let ops: Parameters<typeof deps.models.Profile.bulkWrite>[0] = [];
  const flush = async () => {
    if (ops.length > 0) await deps.models.Profile.bulkWrite(ops, { ordered: false });
    ops = [];
  };
  for await (const p of cursor) {
    const { segment, segmentName, segmentModelVersion } = profileFields(p.features as ShopperFeatures, model);
    ops.push({
      updateOne: { filter: { _id: p._id }, update: { $set: { segment, segmentName, segmentModelVersion } } },
    });
    if (ops.length >= PROFILE_WRITE_BATCH) await flush();
  }
  await flush();
}

export function decodeSegmentModel(data: unknown): SegmentModel {
  const m = data as SegmentModel;
  if (!Array.isArray(m?.centroids) || !Array.isArray(m?.scaler?.mean))
    throw new Error('stored segment model is malformed');
  return m;
}
