import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

export const SHOPPING_EVENTS = ['view', 'add_to_cart', 'checkout', 'purchase'] as const;

export interface HistoryItem {
  productId: string;
  type: string;
  at: Date;
}

/** A shopper's product interactions, oldest first, capped to the most recent `limit`. */
export async function loadHistory(models: Models, customerId: string, limit = 200): Promise<HistoryItem[]> {
  const events = await models.Event.find(
    {
      customerId: new Types.ObjectId(customerId),
      type: { $in: SHOPPING_EVENTS },
      productId: { $exists: true },
    },
    { productId: 1, type: 1, at: 1 },
  )
    // _id breaks ties between events of the same instant, the same way `loadHistories` does.
    .sort({ at: -1, _id: -1 })
    .limit(limit)
    .lean();
  return events
    .reverse()
    .filter((e) => e.productId)
    .map((e) => ({ productId: e.productId!.toString(), type: e.type, at: e.at }));
}

/**
 * Several shoppers' histories in one `$in` query, grouped in memory; each list is what
 * `loadHistory` returns for that shopper (oldest first, the most recent `limit`).
 */
export async function loadHistories(
  models: Models,
  customerIds: string[],
  limit = 200,
): Promise<Map<string, HistoryItem[]>> {
  const events = await models.Event.find(
    {
      customerId: { $in: customerIds.map((id) => new Types.ObjectId(id)) },
      type: { $in: SHOPPING_EVENTS },
      productId: { $exists: true },
    },
    { customerId: 1, productId: 1, type: 1, at: 1 },
  ).lean();
  // Oldest first, ties between events of the same instant broken by _id (as `loadHistory` does).
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || (a._id.toString() < b._id.toString() ? -1 : 1));
  const grouped = new Map<string, HistoryItem[]>(customerIds.map((id) => [id, []]));
  for (const e of events) {
    if (!e.productId) continue;
    grouped.get(e.customerId.toString())?.push({ productId: e.productId.toString(), type: e.type, at: e.at });
  }
  for (const [id, items] of grouped) {
    if (items.length > limit) grouped.set(id, items.slice(-limit));
  }
  return grouped;
}
