import { Types } from 'mongoose';
import type { Models } from '../../../src/db/models/index.js';
import { composeCopy } from '../../../src/generate/composer/index.js';
import type { CopyRequest } from '../../../src/generate/types.js';

/** A ready-to-send copy request with one real-looking product (no catalogue needed). */
export function sampleRequest(seed: number, variant?: string): CopyRequest {
  return {
    campaignType: 'weekly_digest',
    locale: 'en',
    segmentName: 'loyal big spenders',
    tone: 'friendly',
    firstName: 'Sam',
    storeName: 'Acme Store',
    storeUrl: 'https://shop.example.com',
    products: [
      {
        productId: new Types.ObjectId().toString(),
        sku: `SKU-${seed % 1000}`,
        title: 'Rose Lip Balm',
        category: 'beauty',
        brand: 'Acme',
        price: 12.5,
        currency: 'USD',
        url: 'https://shop.example.com/products/rose-lip-balm',
        imageUrl: 'https://shop.example.com/img/rose.png',
        reason: 'popular with shoppers like you',
      },
    ],
    ...(variant ? { variant } : {}),
    seed,
  };
}

export interface SeededSend {
  customerId: string;
  messageId: string;
  email: string;
  campaignKey: string;
}

/**
 * Customers (consenting unless told otherwise) and one `reserved` ledger row per customer and
 * campaign with composed content, exactly what the generate stage leaves for the send stage.
 */
export async function seedSendable(
  models: Models,
  opts: { customers: number; campaigns: string[]; timezone?: (i: number) => string; prefix?: string },
): Promise<SeededSend[]> {
  const prefix = opts.prefix ?? 'c';
  const customers = Array.from({ length: opts.customers }, (_, i) => ({
    _id: new Types.ObjectId(),
    externalId: `${prefix}-${i}`,
    email: `${prefix}${i}@example.test`,
    firstName: 'Sam',
    locale: 'en' as const,
    timezone: opts.timezone?.(i) ?? 'UTC',
    marketingConsent: true,
  }));
  for (let i = 0; i < customers.length; i += 1000)
    await models.Customer.insertMany(customers.slice(i, i + 1000));
  const out: SeededSend[] = [];
  const rows = [];
  for (const campaignKey of opts.campaigns) {
    for (const [i, c] of customers.entries()) {
      const request = sampleRequest(i + 1);
      const copy = composeCopy(request);
      const _id = new Types.ObjectId();
      rows.push({
        _id,
        customerId: c._id,
        campaignKey,
        campaignType: 'weekly_digest',
        state: 'reserved',
        segment: 0,
        segmentName: request.segmentName,
        variant: copy.variant,
        recommendationStrategy: 'cf-blend',
        subject: copy.subject,
        content: { copy, request },
        locale: 'en',
      });
      out.push({ customerId: c._id.toString(), messageId: _id.toString(), email: c.email, campaignKey });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await models.Message.insertMany(rows.slice(i, i + 1000));
  return out;
}
