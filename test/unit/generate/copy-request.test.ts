import { describe, expect, it } from 'vitest';
import type { CatalogProduct } from '../../../src/catalog/product-catalog.js';
import { productFact } from '../../../src/generate/copy-request.js';
import { checkCopy } from '../../../src/generate/guardrails/check-copy.js';
import { request } from '../composer/fixtures.js';

const catalogue = (over: Partial<CatalogProduct>): CatalogProduct => ({
  id: 'p9',
  sku: 'SKU-9',
  title: 'Linen Tote',
  category: 'bags',
  brand: 'Northfold',
  price: 40,
  currency: 'USD',
  stock: 30,
  url: 'https://shop.example.com/p/linen-tote',
  imageUrl: 'https://shop.example.com/img/tote.jpg',
  tags: [],
  ...over,
});

describe('product facts for copy', () => {
  it('carries the catalogue tags and stock that back novelty and scarcity claims', () => {
    const fact = productFact(catalogue({ tags: ['new', 'summer'], stock: 3 }), 'popular');
    expect(fact).toMatchObject({ productId: 'p9', tags: ['new', 'summer'], stock: 3, reason: 'popular' });
    expect(productFact(catalogue({}), 'popular').tags).toBeUndefined();
  });

  it('lets a "new" line pass only for a product the catalogue tags new', () => {
    const lineFor = (product: CatalogProduct) => {
      const base = request({ locale: 'en' });
      const req = { ...base, products: [productFact(product, 'similar_to_viewed')] };
      const copy = {
        subject: 'New in bags: Linen Tote',
        preheader: 'Picked for you',
        greeting: 'Hi',
        intro: 'We picked Linen Tote for you.',
        callToAction: 'Shop now',
        products: [{ productId: 'p9', blurb: 'Linen Tote, $40.00.' }],
        variant: 'benefit',
      };
      return checkCopy(copy as never, req, { bannedPhrases: [] }).map((v) => v.rule);
    };
    expect(lineFor(catalogue({ tags: ['new'] }))).not.toContain('unbacked_claim');
    expect(lineFor(catalogue({ tags: [] }))).toContain('unbacked_claim');
  });
});
