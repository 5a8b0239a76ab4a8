import { Types } from 'mongoose';
import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Models } from '../db/models/index.js';
import type { StoredModelCache } from '../shared/stored-model-cache.js';
import { loadShopperActivity } from './activity-loader.js';
import { computeFeatures, priceBandOf, segmentVector, topCategories } from './features.js';
import { assignSegment, type SegmentModel } from './segmentation.js';

export interface ProfileDeps {
  models: Models;
  catalog: ProductCatalog;
  segments: StoredModelCache<SegmentModel>;
  now?: () => Date;
}

export interface BuiltProfile {
  segment: number | null;
  segmentName: string;
  topCategories: string[];
  priceBand: 'budget' | 'mid' | 'premium';
}

/** Recomputes one shopper's features, assigns the nearest segment centroid and stores the profile. */
export async function buildProfile(deps: ProfileDeps, customerId: string): Promise<BuiltProfile> {
  const now = deps.now?.() ?? new Date();
  const activity = await loadShopperActivity(deps.models, deps.catalog, customerId, now);
  const features = computeFeatures(activity);
  const model = await deps.segments.get();
  const segment = model ? assignSegment(model.value, segmentVector(features)) : null;
  const segmentName = model && segment !== null ? (model.value.names[segment] ?? 'shoppers') : 'all shoppers';
  const profile: BuiltProfile = {
    segment,
    segmentName,
    topCategories: topCategories(features.categoryAffinity),
    priceBand: priceBandOf(features.priceLevel),
  };
  await deps.models.Profile.updateOne(
    { customerId: new Types.ObjectId(customerId) },
    {
      $set: {
        features,
        topCategories: profile.topCategories,
        priceBand: profile.priceBand,
        segment,
        segmentName,
        segmentModelVersion: model?.version ?? null,
        updatedAt: now,
      },
    },
    { upsert: true },
  );
  return profile;
}
