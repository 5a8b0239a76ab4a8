import { createRandom, mixSeed, seededObjectId } from './prng.js';
import type { ShoppingModel } from './shopping-model.js';
import type { SeedCustomer, SeedEvent, SeedOrder, SeedOrderLine, SeedProduct } from './types.js';

const DAY = 86_400_000;
const INACTIVE_SHARE = 0.12;
const FAVOURITE_SHARE = 0.75;
const CART_RATE = 0.22;
const CHECKOUT_RATE = 0.55;
const PURCHASE_RATE = 0.75;
const REPEAT_RATE = 0.25;

export interface CustomerActivity {
  events: SeedEvent[];
  orders: SeedOrder[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function unitPrice(p: SeedProduct): number {
  return p.discountPercent ? round2(p.price * (1 - p.discountPercent / 100)) : p.price;
}

/**
 * Months of shopping for one customer: sessions of views -> add_to_cart -> checkout -> purchase,
 * favourite categories, repeat purchases of past buys. Depends only on (seed, index, customer).
 */
export function generateActivity(
  seed: number,
  index: number,
  customer: SeedCustomer,
  model: ShoppingModel,
  days: number,
  now: Date,
): CustomerActivity {
  const r = createRandom(mixSeed(seed, 4, index));
  const events: SeedEvent[] = [];
  const orders: SeedOrder[] = [];
  if (r.chance(INACTIVE_SHARE)) return { events, orders };

  const windowStart = Math.max(customer.createdAt.getTime(), now.getTime() - days * DAY);
  const windowDays = (now.getTime() - windowStart) / DAY;
  if (windowDays <= 0) return { events, orders };
  // Heavy-tailed engagement: most shop a few times, a few shop constantly.
  const sessions = Math.max(
    1,
    Math.round(r.pareto(1.2, 80) * Math.max(0.1, windowDays / Math.max(days, 1)) * 3),
  );

  const favourites: string[] = [];
  const catWeights = [...model.categoryWeights];
  for (let k = 0; k < Math.min(3, model.categories.length); k++) {
    const c = r.weighted(catWeights);
    favourites.push(model.categories[c] ?? '');
    catWeights[c] = 0;
  }
  const favouriteWeights = [0.6, 0.25, 0.15].slice(0, favourites.length);

  const starts = Array.from(
    { length: sessions },
    () => windowStart + r.next() * (now.getTime() - windowStart - 3_600_000),
  );
  starts.sort((a, b) => a - b);
  const bought: SeedProduct[] = [];
  const cid = customer._id;

  for (const start of starts) {
    let t = start;
    const at = () => new Date(Math.floor((t += r.int(15, 240) * 1000)));
    const views = 1 + Math.min(7, r.pareto(1.6, 8) - 1);
    const cart: SeedProduct[] = [];
    for (let v = 0; v < views; v++) {
      const repeat = v === 0 && bought.length > 0 && r.chance(REPEAT_RATE);
      const product = repeat
        ? r.pick(bought)
        : r.chance(FAVOURITE_SHARE)
          ? model.sampleInCategory(favourites[r.weighted(favouriteWeights)] ?? '', r.next)
          : model.sampleGlobal(r.next);
      events.push({ customerId: cid, type: 'view', productId: product._id, at: at() });
      if (product.stock > 0 && !cart.includes(product) && r.chance(repeat ? 0.6 : CART_RATE)) {
        cart.push(product);
        events.push({ customerId: cid, type: 'add_to_cart', productId: product._id, at: at() });
      }
    }
    if (cart.length === 0 || !r.chance(CHECKOUT_RATE)) continue;
    const lines: SeedOrderLine[] = cart.map((p) => ({
      productId: p._id,
      sku: p.sku,
      quantity: r.chance(0.85) ? 1 : 2,
      price: unitPrice(p),
    }));
    const checkoutAt = at();
    for (const l of lines)
      events.push({
        customerId: cid,
        type: 'checkout',
        productId: l.productId,
        value: round2(l.price * l.quantity),
        at: checkoutAt,
      });
    if (!r.chance(PURCHASE_RATE)) continue;
    const purchaseAt = at();
    for (const l of lines)
      events.push({
        customerId: cid,
        type: 'purchase',
        productId: l.productId,
        value: round2(l.price * l.quantity),
        at: purchaseAt,
      });
    const n = orders.length;
    orders.push({
      _id: seededObjectId(0x0d, seed, index * 4096 + n),
      externalId: `ord_${index + 1}_${n + 1}`,
      customerId: cid,
      lines,
      total: round2(lines.reduce((sum, l) => sum + l.price * l.quantity, 0)),
      currency: 'USD',
      at: purchaseAt,
    });
    for (const p of cart) if (!bought.includes(p)) bought.push(p);
  }
  return { events, orders };
}
