import type { Types } from 'mongoose';
import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Models } from '../db/models/index.js';
import type { Producer } from '../queues/producer.js';
import type { Ledger } from '../send/ledger.js';
import type { ShopifyCart, ShopifyCheckout, ShopifyOrder, ShopifyTopic } from './shopify-payloads.js';
import { resolveProducts, upsertCustomer, upsertProduct } from './storefront-sync.js';

export interface TriggerDeps {
  models: Models;
  producer: Producer;
  ledger: Ledger;
  catalog: ProductCatalog;
  /** Credits a stored order to the email clicked before it (attribution); optional. */
  attribute?(orderExternalId: string): Promise<void>;
  settings: {
    storeUrl: string;
    defaultTimezone: string;
    abandonedCheckoutDelayMs: number;
    postPurchaseDelayMs: number;
  };
}

export interface TriggerOutcome {
  stored: string[];
  enqueued: string[];
  cancelled: string[];
}

export const abandonedCheckoutKey = (token: string) => `abandoned_checkout-${sanitize(token)}`;
export const postPurchaseKey = (orderId: string) => `post_purchase-${sanitize(orderId)}`;

/** Applies one verified, parsed storefront webhook: store what happened, then schedule or cancel emails. */
export async function handleShopifyTopic(
  deps: TriggerDeps,
  topic: ShopifyTopic,
  body: unknown,
): Promise<TriggerOutcome> {
  const out: TriggerOutcome = { stored: [], enqueued: [], cancelled: [] };
  const defaults = { timezone: deps.settings.defaultTimezone };
  switch (topic) {
    case 'customers/create':
    case 'customers/update':
      await upsertCustomer(deps.models, body as never, defaults);
      out.stored.push('customer');
      return out;
    case 'products/update':
      await upsertProduct(deps.models, body as never, deps.settings.storeUrl);
      deps.catalog.invalidate();
      out.stored.push('product');
      return out;
    case 'carts/update':
      return onCart(deps, body as ShopifyCart, out);
    case 'checkouts/create':
      return onCheckout(deps, body as ShopifyCheckout, out);
    case 'orders/create':
      return onOrder(deps, body as ShopifyOrder, out);
  }
}

async function recordEvents(
  deps: TriggerDeps,
  customerId: Types.ObjectId,
  type: 'add_to_cart' | 'checkout' | 'purchase',
  productIds: Array<Types.ObjectId | undefined>,
  lines: Array<{ price: number; quantity: number }>,
  at: Date,
  sourcePrefix: string,
): Promise<void> {
  const docs = productIds.flatMap((productId, i) =>
    productId
      ? [
          {
            customerId,
            type,
            productId,
            value: lines[i]!.price * lines[i]!.quantity,
            at,
            sourceId: `${sourcePrefix}:${i}`,
          },
        ]
      : [],
  );
  if (docs.length === 0) return;
  // sourceId is unique: a redelivered webhook's events collide and are skipped.
  await deps.models.Event.insertMany(docs, { ordered: false }).catch(
    (err: { code?: number; writeErrors?: unknown[] }) => {
      if (err.code !== 11000 && !err.writeErrors) throw err;
    },
  );
}

async function onCart(deps: TriggerDeps, cart: ShopifyCart, out: TriggerOutcome): Promise<TriggerOutcome> {
  if (!cart.customer) return out;
  const customerId = await upsertCustomer(deps.models, cart.customer, {
    timezone: deps.settings.defaultTimezone,
  });
  const products = await resolveProducts(deps.models, cart.line_items);
  await recordEvents(
    deps,
    customerId,
    'add_to_cart',
    products,
    cart.line_items,
    new Date(),
    `shopify:cart:${cart.token}:${Date.now()}`,
  );
  out.stored.push('customer', 'add_to_cart');
  return out;
}

async function onCheckout(
  deps: TriggerDeps,
  checkout: ShopifyCheckout,
  out: TriggerOutcome,
): Promise<TriggerOutcome> {
  const customerId = await upsertCustomer(deps.models, checkout.customer, {
    timezone: deps.settings.defaultTimezone,
  });
  const products = await resolveProducts(deps.models, checkout.line_items);
  const at = checkout.created_at ? new Date(checkout.created_at) : new Date();
  await recordEvents(
    deps,
    customerId,
    'checkout',
    products,
    checkout.line_items,
    at,
    `shopify:checkout:${checkout.token}`,
  );
  out.stored.push('customer', 'checkout');
  const productIds = products.filter((p): p is Types.ObjectId => Boolean(p)).map((p) => p.toString());
  // A purchase that already arrived for this checkout (webhooks can arrive out of order) wins.
  const key = abandonedCheckoutKey(checkout.token);
  const ordered = await deps.models.Message.exists({ customerId, campaignKey: key, state: 'skipped' });
  if (!ordered) {
    await deps.producer.forCustomer(
      customerId.toString(),
      { key, type: 'abandoned_checkout', productIds: productIds.slice(0, 20) },
      { delayMs: deps.settings.abandonedCheckoutDelayMs },
    );
    out.enqueued.push(key);
  }
  return out;
}

async function onOrder(deps: TriggerDeps, order: ShopifyOrder, out: TriggerOutcome): Promise<TriggerOutcome> {
  const customerId = await upsertCustomer(deps.models, order.customer, {
    timezone: deps.settings.defaultTimezone,
  });
  const products = await resolveProducts(deps.models, order.line_items);
  const at = order.created_at ? new Date(order.created_at) : new Date();
  await deps.models.Order.updateOne(
    { externalId: order.id },
    {
      $setOnInsert: {
        customerId,
        total: order.total_price,
        currency: order.currency,
        at,
        lines: order.line_items.map((l, i) => ({
          productId: products[i],
          sku: l.sku ?? String(l.product_id ?? 'unknown'),
          quantity: l.quantity,
          price: l.price,
        })),
      },
    },
    { upsert: true },
  );
  await recordEvents(
    deps,
    customerId,
    'purchase',
    products,
    order.line_items,
    at,
    `shopify:order:${order.id}`,
  );
  await deps.attribute?.(order.id);
  out.stored.push('customer', 'order', 'purchase');

  if (order.checkout_token) {
    // The purchase cancels the pending reminder; marking the ledger row skipped also stops one already in flight.
    const key = abandonedCheckoutKey(order.checkout_token);
    if (await deps.producer.cancel(customerId.toString(), key)) out.cancelled.push(key);
    const reservation = await deps.ledger.reserve(customerId.toString(), { key, type: 'abandoned_checkout' });
    await deps.ledger.skip(reservation.messageId, 'purchased');
    if (!out.cancelled.includes(key)) out.cancelled.push(key);
  }
  const key = postPurchaseKey(order.id);
  const productIds = products.filter((p): p is Types.ObjectId => Boolean(p)).map((p) => p.toString());
  await deps.producer.forCustomer(
    customerId.toString(),
    { key, type: 'post_purchase', productIds: productIds.slice(0, 20) },
    { delayMs: deps.settings.postPurchaseDelayMs },
  );
  out.enqueued.push(key);
  return out;
}

function sanitize(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 100);
}
