import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { createStoreGenerator } from './generate-store.js';
import type { StoreOptions } from './types.js';

export interface SeedProgress {
  phase: 'products' | 'customers';
  done: number;
  total: number;
}

export interface SeedOptions extends StoreOptions {
  /** Customers generated and inserted per page; events and orders follow their page. @defaultValue 500 */
  batchSize?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedCounts {
  products: number;
  customers: number;
  events: number;
  orders: number;
}

type SeedModels = Pick<Models, 'Product' | 'Customer' | 'Event' | 'Order'>;

const oid = (hex: string) => new Types.ObjectId(hex);
const INSERT_CHUNK = 5000;

async function insertChunked<T>(insert: (docs: T[]) => Promise<unknown>, docs: T[]): Promise<void> {
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) await insert(docs.slice(i, i + INSERT_CHUNK));
}

/**
 * Inserts a generated store through mongoose: products first, then customers page by page with
 * their events and orders, so memory stays bounded by one page however many customers there are.
 * Ids are converted to ObjectIds here, which lets the inserts skip hydration (`lean`).
 */
export async function seedStore(models: SeedModels, options: SeedOptions): Promise<SeedCounts> {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const generator = createStoreGenerator(options);
  const counts: SeedCounts = { products: 0, customers: 0, events: 0, orders: 0 };

  const products = generator.products.map((p) => ({ ...p, _id: oid(p._id) }));
  for (let i = 0; i < products.length; i += batchSize) {
    const chunk = products.slice(i, i + batchSize);
    await models.Product.insertMany(chunk, { ordered: true, lean: true });
    counts.products += chunk.length;
    options.onProgress?.({ phase: 'products', done: counts.products, total: products.length });
  }

  for (let start = 0; start < options.customers; start += batchSize) {
    const page = generator.page(start, batchSize);
    await models.Customer.insertMany(
      page.customers.map((c) => ({ ...c, _id: oid(c._id) })),
      { ordered: true, lean: true },
    );
    await insertChunked(
      (docs) => models.Event.insertMany(docs, { ordered: true, lean: true }),
      page.events.map((e) => ({ ...e, customerId: oid(e.customerId), productId: oid(e.productId) })),
    );
    await insertChunked(
      (docs) => models.Order.insertMany(docs, { ordered: true, lean: true }),
      page.orders.map((o) => ({
        ...o,
        _id: oid(o._id),
        customerId: oid(o.customerId),
        lines: o.lines.map((l) => ({ ...l, productId: oid(l.productId) })),
      })),
    );
    counts.customers += page.customers.length;
    counts.events += page.events.length;
    counts.orders += page.orders.length;
    options.onProgress?.({ phase: 'customers', done: counts.customers, total: options.customers });
  }
  return counts;
}

/** Empties the collections the seed writes and those derived from them. */
export async function dropStore(models: Models): Promise<void> {
  await Promise.all([
    models.Customer.deleteMany({}),
    models.Product.deleteMany({}),
    models.Event.deleteMany({}),
    models.Order.deleteMany({}),
    models.Profile.deleteMany({}),
    models.Message.deleteMany({}),
    models.Suppression.deleteMany({}),
  ]);
}
