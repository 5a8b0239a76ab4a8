import {
  categoryLabel,
  cleanName,
  formatDiscount,
  formatPrice,
  hasDiscount,
  leadProduct,
} from './composer/facts.js';
import { PHRASE_BANKS as COMPOSER_BANKS } from './composer/index.js';
import type { CopyRequest, Locale, ProductFact } from './types.js';

// The composer's fact formatting is the one every generator uses, re-exported for slot users.
export { formatDiscount, formatPrice, hasDiscount, leadProduct };

/**
 * Delexicalised generation: copy is written with slots ({product}, {price} ...) and the facts are
 * filled in from data afterwards, so a model can never misstate a price or invent a discount.
 */
export const SLOT_NAMES = ['name', 'store', 'product', 'brand', 'category', 'price', 'discount'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];
export type SlotValues = Partial<Record<SlotName, string>>;

const SLOT_SET = new Set<string>(SLOT_NAMES);
const SLOT_PATTERN = /\{([^{}\s]*)\}/g;

export function isSlotName(s: string): s is SlotName {
  return SLOT_SET.has(s);
}

/** The slot token as written in copy, e.g. `{price}`. */
export function slotToken(name: SlotName): string {
  return `{${name}}`;
}

/** Slots used by a delexicalised text, in order of appearance (unknown names included). */
export function slotsIn(text: string): string[] {
  return [...text.matchAll(SLOT_PATTERN)].map((m) => m[1] ?? '');
}

export function categoryFor(product: ProductFact, locale: Locale): string | undefined {
  return categoryLabel(product.category, locale, COMPOSER_BANKS[locale]);
}

/** Slot values for one product (blurbs): no customer data, so they can be cached across recipients. */
export function productSlots(product: ProductFact, storeName: string, locale: Locale): SlotValues {
  const values: SlotValues = {
    store: storeName,
    product: product.title.trim(),
    brand: product.brand.trim(),
    price: formatPrice(product.price, product.currency, locale),
  };
  const category = categoryFor(product, locale);
  if (category) values.category = category;
  if (hasDiscount(product)) values.discount = formatDiscount(product.discountPercent ?? 0);
  return values;
}

/** Slot values for the email-level fields (subject, preheader, intro, call to action). */
export function emailSlots(request: CopyRequest): SlotValues {
  const lead = leadProduct(request.products);
  const values: SlotValues = lead
    ? productSlots(lead, request.storeName, request.locale)
    : { store: request.storeName };
  const name = cleanName(request.firstName);
  if (name) values.name = name;
  return values;
}

export interface FillResult {
  text: string;
  /** Known slots with no value for this email. */
  missing: string[];
  /** Names that are not slots at all. */
  unknown: string[];
}

/** Replaces every `{slot}` with its value; anything unfillable is reported and left in place. */
export function fillSlots(text: string, values: SlotValues): FillResult {
  const missing: string[] = [];
  const unknown: string[] = [];
  const filled = text.replace(SLOT_PATTERN, (whole, name: string) => {
    if (!isSlotName(name)) {
      unknown.push(name);
      return whole;
    }
    const v = values[name];
    if (v === undefined) {
      missing.push(name);
      return whole;
    }
    return v;
  });
  return { text: filled, missing, unknown };
}

/** Every string that states a fact of this email; numbers inside them are allowed in copy. */
export function factStrings(request: CopyRequest): string[] {
  const out = [request.storeName, request.storeUrl];
  if (request.firstName) out.push(request.firstName);
  for (const p of request.products) {
    // The reason line names a product from the catalogue ("because you viewed X"): data, not invention.
    out.push(p.title, p.brand, p.category, p.reason, formatPrice(p.price, p.currency, request.locale));
    const label = categoryFor(p, request.locale);
    if (label) out.push(label);
    out.push(formatPrice(p.price, p.currency, 'en'), formatPrice(p.price, p.currency, 'zh-CN'));
    if (hasDiscount(p)) out.push(formatDiscount(p.discountPercent ?? 0));
  }
  return out.filter((s) => s.length > 0);
}

/** Numbers the facts allow: prices, discounts, the number of products. */
export function factNumbers(request: CopyRequest): number[] {
  const out = [request.products.length];
  for (const p of request.products) {
    out.push(p.price, Math.round(p.price), Math.floor(p.price));
    if (hasDiscount(p)) out.push(p.discountPercent ?? 0, Math.round(p.discountPercent ?? 0));
  }
  return out;
}
