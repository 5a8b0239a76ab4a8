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
    { customerId: new Types.ObjectId(customerId), type: { $in: SHOPPING_EVENTS }, productId: { $exists: true } },
    { productId: 1, type: 1, at: 1 },
  )
    .sort({ at: -1 })
    .limit(limit)
    .lean();
  return events
    .reverse()
    .filter((e) => e.productId)
    .map((e) => ({ productId: e.productId!.toString(), type: e.type, at: e.at }));
}
