import { Types } from 'mongoose';
import { createBatchLoader } from '../shared/batch-loader.js';
import type { Models } from '../db/models/index.js';
import { loadHistories, type HistoryItem } from '../recommend/history-loader.js';
import type { ProductCatalog } from '../catalog/product-catalog.js';
import { loadShopperActivities } from '../profile/activity-loader.js';
import type { ShopperActivity } from '../profile/features.js';

/**
 * The pipeline's hot point reads, batched across the jobs one process runs at once: each is one
 * `$in` query per tick instead of one query per job. Nothing is cached between batches.
 */
export function createBatchedReads(
  models: Models,
  catalog: ProductCatalog,
  options: { maxBatch?: number } = {},
) {
  const { Customer, Suppression, Profile, Message } = models;
  const byId = <T extends { _id: Types.ObjectId }>(docs: T[]) =>
    new Map(docs.map((d) => [d._id.toString(), d]));
  const objectIds = (ids: string[]) =>
    ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));

  const customers = createBatchLoader(
    async (ids: string[]) => byId(await Customer.find({ _id: { $in: objectIds(ids) } }).lean()),
    null,
    options,
  );
  const suppressions = createBatchLoader(
    async (emails: string[]) => {
      const docs = await Suppression.find({ email: { $in: emails } }, { email: 1, reason: 1 }).lean();
      return new Map(docs.map((d) => [d.email, d]));
    },
    null,
    options,
  );
  const profiles = createBatchLoader(
    async (ids: string[]) => {
      const docs = await Profile.find(
        { customerId: { $in: objectIds(ids) } },
        {
          customerId: 1,
          topCategories: 1,
          priceBand: 1,
          segment: 1,
          segmentName: 1,
          segmentModelVersion: 1,
          updatedAt: 1,
        },
      ).lean();
      return new Map(docs.map((d) => [d.customerId.toString(), d]));
    },
    null,
    options,
  );
  const messages = createBatchLoader(
    async (ids: string[]) => byId(await Message.find({ _id: { $in: objectIds(ids) } }).lean()),
    null,
    options,
  );

  const histories = createBatchLoader<string, HistoryItem[]>(
    (ids) => loadHistories(models, ids),
    [],
    options,
  );

  const activities = createBatchLoader<string, ShopperActivity | null>(
    (ids) => loadShopperActivities(models, catalog, ids, new Date()),
    null,
    options,
  );

  return {
    customer: (id: string) => customers.load(id),
    /** The suppression of a (lower-cased) address, or null. */
    suppression: (email: string) => suppressions.load(email.toLowerCase()),
    profile: (customerId: string) => profiles.load(customerId),
    message: (id: string) => messages.load(id),
    /** A shopper's recent product interactions, as `loadHistory` returns them. */
    history: (customerId: string) => histories.load(customerId),
    /** A shopper's last year of events and orders, for a profile rebuild (read as of the batch). */
    activity: async (customerId: string): Promise<ShopperActivity> => {
      const activity = await activities.load(customerId);
      if (!activity) throw new Error(`no activity loaded for ${customerId}`);
      return activity;
    },
  };
}

export type BatchedReads = ReturnType<typeof createBatchedReads>;
