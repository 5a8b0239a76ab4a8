import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { ShopifyCustomer, ShopifyProduct } from './shopify-payloads.js';

/** Maps storefront records onto ours. Every write is an upsert keyed by the storefront's id, so redeliveries are harmless. */
export async function upsertCustomer(
  models: Models,
  c: ShopifyCustomer,
  defaults: { timezone: string },
): Promise<Types.ObjectId> {
  const consent = c.email_marketing_consent
    ? c.email_marketing_consent.state === 'subscribed'
    : Boolean(c.accepts_marketing);
  const locale = c.locale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  const doc = await models.Customer.findOneAndUpdate(
    { externalId: c.id },
    {
      $set: {
        email: c.email,
        ...(c.first_name ? { firstName: c.first_name } : {}),
        ...(c.last_name ? { lastName: c.last_name } : {}),
        ...(c.locale ? { locale } : {}),
        ...(c.timezone ? { timezone: c.timezone } : {}),
        marketingConsent: consent,
      },
      $setOnInsert: {
        createdAt: new Date(),
        ...(c.timezone ? {} : { timezone: defaults.timezone }),
        ...(c.locale ? {} : { locale }),
      },
    },
    { upsert: true, returnDocument: 'after', projection: { _id: 1 } },
  ).lean();
  return doc!._id;
}

export async function upsertProduct(models: Models, p: ShopifyProduct, storeUrl: string): Promise<void> {
  const variant = p.variants[0]!;
  const compareAt = variant.compare_at_price ?? 0;
  const discount = compareAt > variant.price ? Math.round((1 - variant.price / compareAt) * 100) : undefined;
  await models.Product.updateOne(
    { sku: variant.sku },
    {
      $set: {
        externalId: p.id,
        title: p.title,
        brand: p.vendor,
        category: p.product_type.toLowerCase() || 'other',
        price: variant.price,
        stock: p.variants.reduce((s, v) => s + Math.max(0, v.inventory_quantity), 0),
        url: `${storeUrl.replace(/\/$/, '')}/products/${p.handle}`,
        imageUrl: p.image?.src ?? '',
        tags: p.tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        updatedAt: new Date(),
        ...(discount ? { discountPercent: discount } : {}),
      },
      ...(discount ? {} : { $unset: { discountPercent: 1 } }),
    },
    { upsert: true },
  );
}

/** Storefront line items name products by Shopify id or SKU; unknown products are skipped, not invented. */
export async function resolveProducts(
  models: Models,
  lines: Array<{ product_id?: string | null; sku?: string | null }>,
): Promise<Array<Types.ObjectId | undefined>> {
  return Promise.all(
    lines.map(async (l) => {
      const or: Array<Record<string, string>> = [];
      if (l.product_id) or.push({ externalId: l.product_id });
      if (l.sku) or.push({ sku: l.sku });
      if (or.length === 0) return undefined;
      const p = await models.Product.findOne({ $or: or }, { _id: 1 }).lean();
      return p?._id;
    }),
  );
}
