import { formatDiscount, formatPrice } from '../../../src/generate/composer/facts.js';
import type { CopyRequest, EmailCopy } from '../../../src/generate/types.js';

const NUMBER = /\d+(?:[.,]\d+)*/g;

export function copyText(copy: EmailCopy): string {
  return [
    copy.subject,
    copy.preheader,
    copy.greeting,
    copy.intro,
    ...copy.products.map((p) => p.blurb),
    copy.callToAction,
  ].join('\n');
}

/** Every string in the request that may legitimately contain a number, formatted as the copy prints it. */
export function factTexts(request: CopyRequest): string[] {
  const out = [request.storeName, request.firstName ?? ''];
  for (const p of request.products) {
    out.push(p.title, p.brand, p.category, p.reason, formatPrice(p.price, p.currency, request.locale));
    if (p.discountPercent !== undefined && p.discountPercent > 0) out.push(formatDiscount(p.discountPercent));
  }
  return out;
}

/** Numbers in the copy that no fact accounts for (should always be empty). */
export function inventedNumbers(copy: EmailCopy, request: CopyRequest): string[] {
  const allowed = new Set(factTexts(request).flatMap((t) => t.match(NUMBER) ?? []));
  return (copyText(copy).match(NUMBER) ?? []).filter((n) => !allowed.has(n));
}
