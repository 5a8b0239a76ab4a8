import type { CopyRequest, ProductFact } from '../../../src/generate/types.js';

export const PRODUCTS: ProductFact[] = [
  {
    productId: 'p1',
    sku: 'SKU-1001',
    title: 'Rose Lip Balm',
    category: 'skincare',
    brand: 'Petal & Co',
    price: 12.5,
    currency: 'USD',
    url: 'https://shop.example.com/p/rose-lip-balm',
    imageUrl: 'https://shop.example.com/img/rose-lip-balm.jpg',
    reason: 'because you viewed Hydra Serum 2',
  },
  {
    productId: 'p2',
    sku: 'SKU-1002',
    title: 'Velvet Matte Lipstick',
    category: 'makeup',
    brand: 'Lumière',
    price: 24,
    currency: 'USD',
    url: 'https://shop.example.com/p/velvet-matte',
    imageUrl: 'https://shop.example.com/img/velvet.jpg',
    discountPercent: 15,
    reason: 'popular',
  },
  {
    productId: 'p3',
    sku: 'SKU-1003',
    title: 'Cedar Night Eau de Parfum',
    category: 'fragrance',
    brand: 'Nord',
    price: 1299,
    currency: 'CNY',
    url: 'https://shop.example.com/p/cedar-night',
    imageUrl: 'https://shop.example.com/img/cedar.jpg',
    reason: 'segment_popular',
  },
];

export function request(overrides: Partial<CopyRequest> = {}): CopyRequest {
  return {
    campaignType: 'weekly_digest',
    locale: 'en',
    segmentName: 'loyal big spenders',
    tone: 'friendly',
    firstName: 'Ada',
    storeName: 'Acme Store',
    storeUrl: 'https://shop.example.com',
    products: PRODUCTS,
    seed: 42,
    ...overrides,
  };
}
