import { Types } from 'mongoose';
import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Models } from '../db/models/index.js';
import type { ShopperActivity } from './features.js';

const HISTORY_DAYS = 365;

/** Loads one shopper's last year of events and orders, joined to product category and price. */
export async function loadShopperActivity(
  models: Models,
  catalog: ProductCatalog,
  customerId: string,
  now: Date,
): Promise<ShopperActivity> {
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const cid = new Types.ObjectId(customerId);
  const [events, orders, priceCuts] = await Promise.all([
    models.Event.find({ customerId: cid, at: { $gte: since } }, { type: 1, at: 1, productId: 1 })
      .sort({ at: -1 })
      .limit(2000)
      .lean(),
    models.Order.find({ customerId: cid, at: { $gte: since } }, { total: 1, at: 1 }).lean(),
    catalog.priceCuts(),
  ]);
  const joined = await Promise.all(
    events.map(async (e) => {
      const product = e.productId ? await catalog.get(e.productId.toString()) : undefined;
      return { type: e.type, at: e.at, category: product?.category, price: product?.price };
    }),
  );
  return { now, events: joined, orders: orders.map((o) => ({ total: o.total, at: o.at })), priceCuts };
}
