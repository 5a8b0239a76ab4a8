/** The contract every copy generator (composer, Transformer, OpenAI-compatible) implements. */

export const CAMPAIGN_TYPES = ['weekly_digest', 'abandoned_checkout', 'post_purchase'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const TONES = ['friendly', 'urgent', 'premium', 'playful'] as const;
export type Tone = (typeof TONES)[number];

/** A product fact the copy may mention. Everything factual in an email comes from here. */
export interface ProductFact {
  productId: string;
  sku: string;
  title: string;
  category: string;
  brand: string;
  price: number;
  currency: string;
  url: string;
  imageUrl: string;
  /** Percent off, only when the store really runs a discount on this product. */
  discountPercent?: number;
  /** Why it was picked, e.g. "because you viewed Rose Lip Balm". */
  reason: string;
  /** Catalogue tags; a `new` tag is what backs a "new" claim about the product. */
  tags?: string[];
  /** Units in stock when the email was written; only a low count backs a scarcity claim. */
  stock?: number;
}

export interface CopyRequest {
  campaignType: CampaignType;
  locale: Locale;
  /** Readable segment name, e.g. "loyal big spenders". */
  segmentName: string;
  tone: Tone;
  /** Shopper's first name when known. Never an email address. */
  firstName?: string;
  storeName: string;
  storeUrl: string;
  products: ProductFact[];
  /** Copy variant (arm) chosen by the bandit, e.g. a subject style; generators may ignore it. */
  variant?: string;
  /** Seed for sampling so one message's copy is reproducible. */
  seed?: number;
}

export interface ProductBlurb {
  productId: string;
  blurb: string;
}

export interface EmailCopy {
  subject: string;
  preheader: string;
  greeting: string;
  intro: string;
  products: ProductBlurb[];
  callToAction: string;
  /** The variant actually used, recorded on the message for learning. */
  variant: string;
  /** Which generator wrote it after fallbacks: 'transformer', 'composer', 'openai'. */
  generator: string;
}

export interface CopyGenerator {
  readonly name: string;
  /** Concurrent generate() calls that keep this generator's batches full (sizes the generate worker). */
  readonly preferredConcurrency?: number;
  generate(request: CopyRequest): Promise<EmailCopy>;
  close(): Promise<void>;
}
