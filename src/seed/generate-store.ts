import { generateActivity } from './generate-activity.js';
import { generateCustomer } from './generate-customers.js';
import { generateProducts } from './generate-products.js';
import { buildShoppingModel, type ShoppingModel } from './shopping-model.js';
import type { SeedCustomer, SeedEvent, SeedOrder, SeedProduct, SeedStore, StoreOptions } from './types.js';

export const DEFAULT_STORE_URL = 'https://shop.example.com';

/** Start of the current UTC day: runs on the same day produce the same store. */
export function defaultNow(): Date {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export interface StoreGenerator {
  products: SeedProduct[];
  model: ShoppingModel;
  /** Customers [start, start + count) with their events and orders. */
  page(start: number, count: number): { customers: SeedCustomer[]; events: SeedEvent[]; orders: SeedOrder[] };
}

/** The catalogue is built once; customers and their history are produced one page at a time. */
export function createStoreGenerator(options: StoreOptions): StoreGenerator {
  const now = options.now ?? defaultNow();
  const products = generateProducts(
    options.seed,
    options.products,
    options.storeUrl ?? DEFAULT_STORE_URL,
    now,
  );
  const model = buildShoppingModel(options.seed, products);
  return {
    products,
    model,
    page(start, count) {
      const end = Math.min(options.customers, start + count);
      const customers: SeedCustomer[] = [];
      const events: SeedEvent[] = [];
      const orders: SeedOrder[] = [];
      for (let i = start; i < end; i++) {
        const customer = generateCustomer(options.seed, i, options.days, now);
        const activity = generateActivity(options.seed, i, customer, model, options.days, now);
        customers.push(customer);
        for (const e of activity.events) events.push(e);
        for (const o of activity.orders) orders.push(o);
      }
      return { customers, events, orders };
    },
  };
}

/** The whole store in memory (tests, small demos); use seedStore for large stores. */
export function generateStore(options: StoreOptions): SeedStore {
  const generator = createStoreGenerator(options);
  return { products: generator.products, ...generator.page(0, options.customers) };
}
