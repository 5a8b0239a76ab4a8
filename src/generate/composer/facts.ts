import type { CopyRequest, Locale, ProductFact } from '../types.js';
import {
  REASON_CODES,
  SEGMENT_KINDS,
  type PhraseBank,
  type ReasonCode,
  type SegmentKind,
} from './phrase-bank.js';

export type Slots = Partial<
  Record<'name' | 'store' | 'product' | 'brand' | 'category' | 'price' | 'discount', string>
>;

// One formatter per (locale, currency), null for a code Intl does not know: building one costs far
// more than formatting with it.
const formatters = new Map<string, Intl.NumberFormat | null>();
// Formatting still costs microseconds and catalogues repeat prices: remember recent results.
const formatted = new Map<string, string>();
const FORMATTED_MAX = 50_000;

/** Price in the shopper's locale and the product's currency; the only way a price reaches copy. */
export function formatPrice(price: number, currency: string, locale: Locale): string {
  const key = `${locale}|${currency}`;
  const memoKey = `${key}|${price}`;
  const hit = formatted.get(memoKey);
  if (hit !== undefined) return hit;
  let f = formatters.get(key);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US', { style: 'currency', currency });
    } catch {
      f = null;
    }
    formatters.set(key, f);
  }
  // A code Intl does not know still names its currency: a bare number would be a different fact.
  const text = f ? f.format(price) : `${price.toFixed(2)} ${currency}`;
  if (formatted.size >= FORMATTED_MAX) formatted.clear();
  formatted.set(memoKey, text);
  return text;
}

export function formatDiscount(percent: number): string {
  return `${Math.round(percent)}%`;
}

export function hasDiscount(p: ProductFact): boolean {
  return p.discountPercent !== undefined && p.discountPercent > 0 && Math.round(p.discountPercent) > 0;
}

/** The product subject lines talk about: the biggest real discount, else the first product. */
export function leadProduct(products: readonly ProductFact[]): ProductFact | undefined {
  let best: ProductFact | undefined;
  for (const p of products)
    if (hasDiscount(p) && (!best || (best.discountPercent ?? 0) < (p.discountPercent ?? 0))) best = p;
  return best ?? products[0];
}

/** Category label for the locale; undefined when this locale cannot name it naturally. */
export function categoryLabel(category: string, locale: Locale, bank: PhraseBank): string | undefined {
  const key = category.toLowerCase().replace(/[^a-z]/g, '');
  const known = bank.categories[key];
  if (known) return known;
  if (locale === 'en') return category.trim() ? category.trim().toLowerCase() : undefined;
  return /[\u4e00-\u9fff]/.test(category) ? category.trim() : undefined;
}

export function productSlots(p: ProductFact, request: CopyRequest, bank: PhraseBank): Slots {
  const slots: Slots = {
    store: request.storeName,
    product: p.title.trim(),
    brand: p.brand.trim(),
    price: formatPrice(p.price, p.currency, request.locale),
  };
  const category = categoryLabel(p.category, request.locale, bank);
  if (category) slots.category = category;
  if (hasDiscount(p)) slots.discount = formatDiscount(p.discountPercent ?? 0);
  return slots;
}

export function emailSlots(request: CopyRequest, bank: PhraseBank): Slots {
  const lead = leadProduct(request.products);
  const slots: Slots = lead ? productSlots(lead, request, bank) : { store: request.storeName };
  const name = cleanName(request.firstName);
  if (name) slots.name = name;
  return slots;
}

/** A first name safe to print: trimmed, no address-like or markup-like content. */
export function cleanName(firstName: string | undefined): string | undefined {
  const name = firstName?.trim();
  if (!name || name.length > 40 || /[@<>{}]/.test(name)) return undefined;
  return name;
}

const SEGMENT_RULES: [RegExp, SegmentKind][] = [
  [/lapsed|churn|at[ -]risk|inactive|dormant|win[ -]?back|sleeping|流失|沉睡/i, 'lapsed'],
  [/vip|big[ -]spend|high[ -]value|premium|whale|高价值|大客户/i, 'vip'],
  [/loyal|repeat|regular|frequent|returning|忠实|老客/i, 'loyal'],
  [/bargain|deal|discount|sale|coupon|thrift|折扣|优惠/i, 'deal'],
  [/\bnew\b|first|welcome|novice|新客/i, 'new'],
];

export function segmentKind(segmentName: string): SegmentKind {
  for (const [re, kind] of SEGMENT_RULES) if (re.test(segmentName)) return kind;
  return SEGMENT_KINDS[SEGMENT_KINDS.length - 1] ?? 'general';
}

export type ParsedReason =
  | { kind: 'code'; code: ReasonCode }
  | { kind: 'verb'; verb: 'viewed' | 'bought' | 'added' | 'liked'; subject: string; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'none' };

const VERBS: [RegExp, 'viewed' | 'bought' | 'added' | 'liked'][] = [
  [/^because you (?:viewed|looked at|browsed|checked out) (.+)$/i, 'viewed'],
  [/^because you (?:bought|purchased|ordered) (.+)$/i, 'bought'],
  [/^because you added (.+?)(?: to your (?:cart|bag|basket))?$/i, 'added'],
  [/^because you (?:liked|saved|loved|favou?rited) (.+)$/i, 'liked'],
];

/** Reads the recommender's reason: a machine code, a "because you ..." sentence, or free text. */
export function parseReason(reason: string): ParsedReason {
  const text = reason.trim().replace(/[.。!！]+$/, '');
  if (!text) return { kind: 'none' };
  const code = text.toLowerCase().replace(/[\s-]+/g, '_');
  if ((REASON_CODES as readonly string[]).includes(code)) return { kind: 'code', code: code as ReasonCode };
  for (const [re, verb] of VERBS) {
    const m = re.exec(text);
    if (m?.[1]) return { kind: 'verb', verb, subject: m[1].trim(), text };
  }
  return { kind: 'text', text };
}
