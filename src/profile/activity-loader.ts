import { Types } from 'mongoose';
import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Models } from '../db/models/index.js';
import type { ShopperActivity } from './features.js';

const HISTORY_DAYS = 365;
/** Most recent events kept per shopper: enough for every feature, bounded for heavy browsers. */
const MAX_EVENTS = 2000;

/** Loads one shopper's last year of events and orders, joined to product category and price. */
export async function loadShopperActivity(
  models: Models,
  catalog: ProductCatalog,
  customerId: string,
  now: Date,
): Promise<ShopperActivity> {
  const all = await loadShopperActivities(models, catalog, [customerId], now);
  return all.get(customerId)!;
}

/**
 * Several shoppers' activity in two `$in` queries (events, orders) instead of two per shopper;
 * each entry is what `loadShopperActivity` returns for that shopper.
 */
export async function loadShopperActivities(
  models: Models,
  catalog: ProductCatalog,
  customerIds: string[],
  now: Date,
): Promise<Map<string, ShopperActivity>> {
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const ids = customerIds.map((id) => new Types.ObjectId(id));
  const [events, orders, priceCuts, byProduct] = await Promise.all([
    models.Event.find(
      { customerId: { $in: ids }, at: { $gte: since } },
      { customerId: 1, type: 1, at: 1, productId: 1 },
    ).lean(),
    models.Order.find(
      { customerId: { $in: ids }, at: { $gte: since } },
      { customerId: 1, total: 1, at: 1 },
    ).lean(),
    catalog.priceCuts(),
    catalog.byId(),
  ]);
  const out = new Map<string, ShopperActivity>(
    customerIds.map((id) => [id, { now, events: [], orders: [], priceCuts }]),
  );
  const recent = [...events].sort((a, b) => b.at.getTime() - a.at.getTime());
  for (const e of recent) {
    const activity = out.get(e.customerId.toString());
    if (!activity || activity.events.length >= MAX_EVENTS) continue;
    const product = e.productId ? byProduct.get(e.productId.toString()) : undefined;
    activity.events.push({ type: e.type, at: e.at, category: product?.category, price: product?.price });
  }
  for (const o of orders) out.get(o.customerId.toString())?.orders.push({ total: o.total, at: o.at });
  return out;
}
