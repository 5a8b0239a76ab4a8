import { describe, expect, it } from 'vitest';
import { formatPrice, leadProduct } from '../../../src/generate/composer/facts.js';
import { formatPrice as slotPrice, leadProduct as slotLead } from '../../../src/generate/slots.js';
import { PRODUCTS } from './fixtures.js';

describe('price facts', () => {
  it('formats in the shopper locale and keeps the currency when Intl does not know the code', () => {
    expect(formatPrice(12.5, 'USD', 'en')).toBe('$12.50');
    expect(formatPrice(1299, 'CNY', 'zh-CN')).toBe('¥1,299.00');
    expect(formatPrice(12.5, 'POINTS', 'en')).toBe('12.50 POINTS');
    // The same answer again comes from the memo, and generators share the composer's formatting.
    expect(formatPrice(12.5, 'POINTS', 'en')).toBe('12.50 POINTS');
    expect(slotPrice).toBe(formatPrice);
  });

  it('leads with the biggest discount that shows as at least 1%', () => {
    const tiny = { ...PRODUCTS[0]!, productId: 'tiny', discountPercent: 0.3 };
    expect(leadProduct([tiny, ...PRODUCTS])?.productId).toBe('p2');
    expect(slotLead).toBe(leadProduct);
  });
});
