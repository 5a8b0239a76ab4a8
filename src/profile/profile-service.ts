import { Types } from 'mongoose';
import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Models } from '../db/models/index.js';
import type { StoredModelCache } from '../shared/stored-model-cache.js';
import { loadShopperActivity } from './activity-loader.js';
import {
  computeFeatures,
  priceBandOf,
  segmentVector,
  topCategories,
  type ShopperActivity,
  type ShopperFeatures,
} from './features.js';
import { assignSegment, type SegmentModel } from './segmentation.js';

export interface ProfileDeps {
  models: Models;
  catalog: ProductCatalog;
  segments: StoredModelCache<SegmentModel>;
  now?: () => Date;
  /** Batched read of a stored profile (see createBatchedReads); defaults to one query. */
  readProfile?: (customerId: string) => Promise<StoredProfile | null>;
  /** Batched read of a shopper's activity for a rebuild; defaults to that shopper's own queries. */
  readActivity?: (customerId: string) => Promise<ShopperActivity>;
}

/** The stored profile fields the pipeline reuses. */
export interface StoredProfile {
  topCategories?: string[] | null;
  priceBand?: string | null;
  segment?: number | null;
  segmentName?: string | null;
  segmentModelVersion?: number | null;
  updatedAt?: Date | null;
}

export interface BuiltProfile {
  segment: number | null;
  segmentName: string;
  topCategories: string[];
  priceBand: 'budget' | 'mid' | 'premium';
}

/** What a profile stores for these features under this segment model (pure). */
export function profileFields(
  features: ShopperFeatures,
  model: { version: number; value: SegmentModel } | undefined,
) {
  const segment = model ? assignSegment(model.value, segmentVector(features)) : null;
  const segmentName = model && segment !== null ? (model.value.names[segment] ?? 'shoppers') : 'all shoppers';
  return {
    features,
    topCategories: topCategories(features.categoryAffinity),
    priceBand: priceBandOf(features.priceLevel),
    segment,
    segmentName,
    segmentModelVersion: model?.version ?? null,
  };
}

/**
 * The shopper's profile, reused when it was stored less than `maxAgeMs` ago under the current
 * segment model (the train-segments job refreshes every profile), otherwise rebuilt.
 */
export async function freshProfile(
  deps: ProfileDeps,
  customerId: string,
  maxAgeMs: number,
): Promise<BuiltProfile> {
  if (maxAgeMs > 0) {
    const now = deps.now?.() ?? new Date();
    const [stored, model] = await Promise.all([
      deps.readProfile
        ? deps.readProfile(customerId)
        : deps.models.Profile.findOne({ customerId: new Types.ObjectId(customerId) }).lean(),
      deps.segments.get(),
    ]);
    const band = stored?.priceBand;
    if (
      stored?.updatedAt &&
      now.getTime() - stored.updatedAt.getTime() < maxAgeMs &&
      (stored.segmentModelVersion ?? null) === (model?.version ?? null) &&
      (band === 'budget' || band === 'mid' || band === 'premium')
    ) {
      return {
        segment: stored.segment ?? null,
        segmentName: stored.segmentName ?? (model ? 'shoppers' : 'all shoppers'),
        topCategories: stored.topCategories ?? [],
        priceBand: band,
      };
    }
  }
  return buildProfile(deps, customerId);
}

/** Recomputes one shopper's features, assigns the nearest segment centroid and stores the profile. */
export async function buildProfile(deps: ProfileDeps, customerId: string): Promise<BuiltProfile> {
  const now = deps.now?.() ?? new Date();
  const activity = deps.readActivity
    ? await deps.readActivity(customerId)
    : await loadShopperActivity(deps.models, deps.catalog, customerId, now);
  const features = computeFeatures(activity);
  const model = await deps.segments.get();
  const fields = profileFields(features, model);
  await deps.models.Profile.updateOne(
    { customerId: new Types.ObjectId(customerId) },
    { $set: { ...fields, updatedAt: now } },
    { upsert: true },
  );
  return {
    segment: fields.segment,
    segmentName: fields.segmentName,
    topCategories: fields.topCategories,
    priceBand: fields.priceBand,
  };
}
