/** Plain sample-store data, shaped like the mongoose models; ids are deterministic 24-hex strings. */

export interface StoreOptions {
  seed: number;
  customers: number;
  products: number;
  /** Days of browsing and purchase history before `now`. */
  days: number;
  /** End of the history. @defaultValue start of the current UTC day */
  now?: Date;
  /** @defaultValue https://shop.example.com */
  storeUrl?: string;
}

export interface SeedProduct {
  _id: string;
  sku: string;
  externalId: string;
  title: string;
  category: string;
  brand: string;
  price: number;
  currency: string;
  discountPercent?: number;
  stock: number;
  url: string;
  imageUrl: string;
  tags: string[];
  updatedAt: Date;
}

export interface SeedCustomer {
  _id: string;
  externalId: string;
  email: string;
  firstName: string;
  lastName: string;
  locale: 'en' | 'zh-CN';
  timezone: string;
  marketingConsent: boolean;
  createdAt: Date;
}

export type ShoppingEventType = 'view' | 'add_to_cart' | 'checkout' | 'purchase';

export interface SeedEvent {
  customerId: string;
  type: ShoppingEventType;
  productId: string;
  /** Line amount for checkout and purchase events. */
  value?: number;
  at: Date;
}

export interface SeedOrderLine {
  productId: string;
  sku: string;
  quantity: number;
  price: number;
}

export interface SeedOrder {
  _id: string;
  externalId: string;
  customerId: string;
  lines: SeedOrderLine[];
  total: number;
  currency: string;
  at: Date;
}

export interface SeedStore {
  products: SeedProduct[];
  customers: SeedCustomer[];
  events: SeedEvent[];
  orders: SeedOrder[];
}
