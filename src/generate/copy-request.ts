import { hashString } from '../shared/random.js';
import type { CatalogProduct } from '../catalog/product-catalog.js';
import { reasonText, type ReasonCode } from './reason-text.js';
import {
  TONES,
  type CampaignType,
  type CopyRequest,
  type Locale,
  type ProductFact,
  type Tone,
} from './types.js';

export interface CopyRequestInput {
  campaignType: CampaignType;
  locale: Locale;
  segmentName: string;
  firstName?: string;
  store: { name: string; url: string };
  picks: Array<{ product: CatalogProduct; reason: ReasonCode; becauseOf?: CatalogProduct }>;
  variant?: string;
  seed: number;
}

/** Tone follows the campaign: a cart reminder may be a little urgent, a digest stays friendly. */
export function toneFor(campaignType: CampaignType, segmentName: string, seed: number): Tone {
  if (campaignType === 'abandoned_checkout') return 'urgent';
  if (/premium|big spenders/.test(segmentName)) return 'premium';
  return TONES[seed % 2 === 0 ? 0 : 3] ?? 'friendly';
}

export function productFact(product: CatalogProduct, reason: string): ProductFact {
  return {
    productId: product.id,
    sku: product.sku,
    title: product.title,
    category: product.category,
    brand: product.brand,
    price: product.price,
    currency: product.currency,
    url: product.url,
    imageUrl: product.imageUrl,
    ...(product.discountPercent ? { discountPercent: product.discountPercent } : {}),
    reason,
    ...(product.tags.length > 0 ? { tags: product.tags.slice(0, 20) } : {}),
    stock: product.stock,
  };
}

/** Every fact the copy may use comes from here: the catalogue, the customer record and the store config. */
export function buildCopyRequest(input: CopyRequestInput): CopyRequest {
  return {
    campaignType: input.campaignType,
    locale: input.locale,
    segmentName: input.segmentName,
    tone: toneFor(input.campaignType, input.segmentName, input.seed),
    ...(input.firstName ? { firstName: input.firstName } : {}),
    storeName: input.store.name,
    storeUrl: input.store.url,
    products: input.picks.map((p) =>
      productFact(p.product, reasonText(input.locale, p.reason, p.becauseOf?.title)),
    ),
    ...(input.variant ? { variant: input.variant } : {}),
    seed: input.seed,
  };
}

/** A stable 31-bit seed from a string (message id), so regenerating one message gives the same copy. */
export function seedFrom(text: string): number {
  return hashString(text) & 0x7fffffff;
}
