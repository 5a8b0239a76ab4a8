import { formatDiscount, formatPrice, hasDiscount } from '../composer/facts.js';
import type { CopyRequest } from '../types.js';
import { LABELS } from './labels.js';

export interface PriceLine {
  text: string;
}

/** Price shown under each product: formatted from the fact, plus the real discount when there is one. */
export function priceLines(request: CopyRequest): PriceLine[] {
  const labels = LABELS[request.locale];
  return request.products.map((p) => {
    const price = formatPrice(p.price, p.currency, request.locale);
    return {
      text: hasDiscount(p) ? `${price} · ${labels.off(formatDiscount(p.discountPercent ?? 0))}` : price,
    };
  });
}
