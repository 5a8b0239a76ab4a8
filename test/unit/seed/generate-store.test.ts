import { describe, expect, it } from 'vitest';
import { createStoreGenerator, generateStore } from '../../../src/seed/index.js';
import { createRandom, createSampler, mulberry32 } from '../../../src/seed/prng.js';

const NOW = new Date('2025-03-01T00:00:00Z');
const OPTIONS = { seed: 7, customers: 1500, products: 300, days: 120, now: NOW };
const store = generateStore(OPTIONS);
const HEX24 = /^[0-9a-f]{24}$/;

describe('generateStore', () => {
  it('is deterministic for the same seed and different for another seed', () => {
    const again = generateStore(OPTIONS);
    expect(again).toEqual(store);
    const other = generateStore({ ...OPTIONS, seed: 8 });
    expect(other.products.map((p) => p.title)).not.toEqual(store.products.map((p) => p.title));
  });

  it('generates the same customers page by page as all at once', () => {
    const g = createStoreGenerator(OPTIONS);
    const pages = [g.page(0, 400), g.page(400, 400), g.page(800, 400), g.page(1200, 400)];
    expect(pages.flatMap((p) => p.customers)).toEqual(store.customers);
    expect(pages.flatMap((p) => p.events)).toEqual(store.events);
    expect(pages.flatMap((p) => p.orders)).toEqual(store.orders);
    expect(g.page(1400, 400).customers).toHaveLength(100);
  });

  it('builds a realistic catalogue', () => {
    const { products } = store;
    expect(products).toHaveLength(300);
    const categories = new Set(products.map((p) => p.category));
    expect(categories.size).toBeGreaterThanOrEqual(9);
    expect(categories).toContain('skincare');
    expect(categories).toContain('fragrance');
    expect(new Set(products.map((p) => p.sku)).size).toBe(300);
    expect(new Set(products.map((p) => p.url)).size).toBe(300);
    expect(new Set(products.map((p) => p.brand)).size).toBeGreaterThan(20);
    for (const p of products) {
      expect(p._id).toMatch(HEX24);
      expect(p.url.startsWith('https://shop.example.com/products/')).toBe(true);
      expect(p.imageUrl).toMatch(/^https:\/\/shop\.example\.com\/images\/.+\.jpg$/);
      expect(p.price).toBeGreaterThan(0);
      expect(Math.round(p.price * 100) / 100).toBe(p.price);
      expect(p.tags.length).toBeGreaterThan(0);
      if (p.discountPercent !== undefined) expect(p.discountPercent).toBeGreaterThan(0);
    }
    const discounted = products.filter((p) => p.discountPercent !== undefined).length / products.length;
    expect(discounted).toBeGreaterThan(0.08);
    expect(discounted).toBeLessThan(0.3);
    const soldOut = products.filter((p) => p.stock === 0).length;
    expect(soldOut).toBeGreaterThan(0);
    expect(soldOut).toBeLessThan(products.length * 0.2);
  });

  it('builds customers in both locales with real names, example addresses, time zones and ~85% consent', () => {
    const { customers } = store;
    expect(customers).toHaveLength(1500);
    expect(new Set(customers.map((c) => c.email)).size).toBe(1500);
    expect(new Set(customers.map((c) => c.externalId)).size).toBe(1500);
    const zh = customers.filter((c) => c.locale === 'zh-CN');
    expect(zh.length / customers.length).toBeGreaterThan(0.2);
    expect(zh.length / customers.length).toBeLessThan(0.4);
    for (const c of zh) expect(c.firstName).toMatch(/^[\u4e00-\u9fff]+$/);
    for (const c of customers) {
      expect(c.email).toMatch(/^[a-z0-9.]+@(mail\.)?example\.(com|org|net)$/);
      expect(c._id).toMatch(HEX24);
      expect(c.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    const zones = new Set(customers.map((c) => c.timezone));
    for (const tz of ['Asia/Shanghai', 'America/New_York', 'Europe/London']) expect(zones).toContain(tz);
    const consent = customers.filter((c) => c.marketingConsent).length / customers.length;
    expect(consent).toBeGreaterThan(0.8);
    expect(consent).toBeLessThan(0.9);
  });

  it('produces sessions in funnel order with consistent orders', () => {
    const { events, orders, customers, products } = store;
    const productIds = new Set(products.map((p) => p._id));
    const customerIds = new Set(customers.map((c) => c._id));
    const counts = { view: 0, add_to_cart: 0, checkout: 0, purchase: 0 };
    for (const e of events) {
      counts[e.type] += 1;
      expect(productIds.has(e.productId)).toBe(true);
      expect(customerIds.has(e.customerId)).toBe(true);
      expect(e.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(e.at.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 120 * 86_400_000);
    }
    expect(counts.view).toBeGreaterThan(counts.add_to_cart);
    expect(counts.add_to_cart).toBeGreaterThan(counts.checkout);
    expect(counts.checkout).toBeGreaterThan(counts.purchase);
    expect(counts.purchase).toBeGreaterThan(0);
    expect(events.length / customers.length).toBeGreaterThan(5);

    expect(new Set(orders.map((o) => o.externalId)).size).toBe(orders.length);
    const purchaseLines = events.filter((e) => e.type === 'purchase').length;
    expect(orders.reduce((n, o) => n + o.lines.length, 0)).toBe(purchaseLines);
    for (const o of orders) {
      const total = Math.round(o.lines.reduce((s, l) => s + l.price * l.quantity, 0) * 100) / 100;
      expect(o.total).toBe(total);
      expect(o.lines.length).toBeGreaterThan(0);
    }
    // Repeat buying: some customers have several orders, some buy the same product twice.
    const perCustomer = new Map<string, number>();
    for (const o of orders) perCustomer.set(o.customerId, (perCustomer.get(o.customerId) ?? 0) + 1);
    expect([...perCustomer.values()].filter((n) => n >= 3).length).toBeGreaterThan(10);
    const rebought = new Set<string>();
    const seen = new Set<string>();
    for (const o of orders)
      for (const l of o.lines) {
        const key = `${o.customerId}|${l.productId}`;
        if (seen.has(key)) rebought.add(key);
        seen.add(key);
      }
    expect(rebought.size).toBeGreaterThan(5);
  });

  it('follows a power law: a few products get most of the attention', () => {
    const views = new Map<string, number>();
    for (const e of store.events)
      if (e.type === 'view') views.set(e.productId, (views.get(e.productId) ?? 0) + 1);
    const sorted = [...views.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const top10pct = sorted.slice(0, Math.ceil(store.products.length * 0.1)).reduce((a, b) => a + b, 0);
    expect(top10pct / total).toBeGreaterThan(0.35);
    // ... with a long tail that is still visited.
    expect(views.size).toBeGreaterThan(store.products.length * 0.6);
  });

  it('gives shoppers category preferences', () => {
    const byCustomer = new Map<string, Map<string, number>>();
    const category = new Map(store.products.map((p) => [p._id, p.category]));
    for (const e of store.events) {
      if (e.type !== 'view') continue;
      const m = byCustomer.get(e.customerId) ?? new Map<string, number>();
      const c = category.get(e.productId) ?? '';
      m.set(c, (m.get(c) ?? 0) + 1);
      byCustomer.set(e.customerId, m);
    }
    const shares = [...byCustomer.values()]
      .map((m) => [...m.values()])
      .filter((v) => v.reduce((a, b) => a + b, 0) >= 10)
      .map((v) => Math.max(...v) / v.reduce((a, b) => a + b, 0));
    expect(shares.length).toBeGreaterThan(20);
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    expect(mean).toBeGreaterThan(0.35); // uniform over ~10 categories would be ~0.1-0.2
  });
});

describe('prng', () => {
  it('mulberry32 is deterministic and uniform enough', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('samples in proportion to weights', () => {
    const sample = createSampler([1, 0, 3]);
    const r = createRandom(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 8000; i++) counts[sample(r.next)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.6);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.4);
  });
});
