import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abandonedCheckoutKey, postPurchaseKey } from '../../../src/triggers/shopify-handlers.js';
import { signShopifyBody } from '../../../src/triggers/shopify-signature.js';
import { pipelineJobId } from '../../../src/queues/registry.js';
import { SHOPIFY_SECRET, startHttpHarness, type HttpHarness } from './http-harness.js';

const customer = {
  id: 9001,
  email: 'mei@example.com',
  first_name: 'Mei',
  locale: 'zh-CN',
  email_marketing_consent: { state: 'subscribed' },
};
const product = {
  id: 501,
  title: 'Camellia Cleansing Oil',
  vendor: 'Lumen',
  product_type: 'Skincare',
  handle: 'camellia-cleansing-oil',
  tags: 'cleanser, oil',
  image: { src: 'https://cdn.example.com/camellia.jpg' },
  variants: [{ sku: 'LUM-CAM-1', price: '24.00', compare_at_price: '30.00', inventory_quantity: 12 }],
};
const checkout = {
  id: 77,
  token: 'chk-abc-123',
  customer,
  line_items: [{ product_id: 501, sku: 'LUM-CAM-1', quantity: 1, price: '24.00' }],
};
const order = {
  id: 4401,
  checkout_token: 'chk-abc-123',
  total_price: '24.00',
  currency: 'USD',
  customer,
  line_items: checkout.line_items,
};

describe('storefront webhooks', () => {
  let h: HttpHarness;
  let seq = 0;

  const post = (topic: string, body: unknown, opts: { secret?: string; raw?: string; id?: string } = {}) => {
    const raw = opts.raw ?? JSON.stringify(body);
    return h.app.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-webhook-id': opts.id ?? `wh-${++seq}`,
        'x-shopify-hmac-sha256': signShopifyBody(raw, opts.secret ?? SHOPIFY_SECRET),
      },
      payload: raw,
    });
  };
  const jobCount = async () => {
    const counts = await h.runtime.queues.profile.getJobCounts(
      'waiting',
      'delayed',
      'active',
      'completed',
      'failed',
    );
    return Object.values(counts).reduce((a, b) => a + b, 0);
  };

  beforeAll(async () => {
    h = await startHttpHarness('webhooks');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('rejects a wrong signature with 401 and stores or enqueues nothing', async () => {
    const res = await post('checkouts/create', checkout, { secret: 'not-the-secret' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatch(/signature/);
    expect(await h.runtime.db.models.Customer.countDocuments()).toBe(0);
    expect(await jobCount()).toBe(0);
  });

  it('rejects malformed JSON, an unknown topic and an invalid payload with 400 and a reason', async () => {
    const bad = await post('checkouts/create', null, { raw: '{"token": "x",' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/JSON/);
    const unknown = await post('themes/publish', { id: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatch(/unsupported topic/);
    const invalid = await post('checkouts/create', { ...checkout, line_items: [] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatch(/line_items/);
    expect(await h.runtime.db.models.Event.countDocuments()).toBe(0);
    expect(await jobCount()).toBe(0);
  });

  it('stores a product update', async () => {
    const res = await post('products/update', product);
    expect(res.statusCode).toBe(200);
    const p = await h.runtime.db.models.Product.findOne({ sku: 'LUM-CAM-1' }).lean();
    expect(p).toMatchObject({
      title: 'Camellia Cleansing Oil',
      price: 24,
      stock: 12,
      category: 'skincare',
      discountPercent: 20,
    });
  });

  it('stores a checkout and schedules the abandoned-checkout email, once per webhook id', async () => {
    const res = await post('checkouts/create', checkout, { id: 'wh-checkout-1' });
    expect(res.statusCode).toBe(200);
    const c = await h.runtime.db.models.Customer.findOne({ externalId: '9001' }).lean();
    expect(c).toMatchObject({ email: 'mei@example.com', locale: 'zh-CN', marketingConsent: true });
    const events = await h.runtime.db.models.Event.find({ customerId: c!._id, type: 'checkout' }).lean();
    expect(events).toHaveLength(1);
    const job = await h.runtime.queues.profile.getJob(
      pipelineJobId('profile', abandonedCheckoutKey('chk-abc-123'), c!._id.toString()),
    );
    expect(await job?.getState()).toBe('delayed');
    expect(job?.data.campaign.productIds).toHaveLength(1);

    const again = await post('checkouts/create', checkout, { id: 'wh-checkout-1' });
    expect(again.json()).toMatchObject({ duplicate: true });
    expect(await h.runtime.db.models.Event.countDocuments({ type: 'checkout' })).toBe(1);
    expect(await jobCount()).toBe(1);
  });

  it('a purchase cancels the pending abandoned-checkout email and schedules a post-purchase one', async () => {
    const res = await post('orders/create', order);
    expect(res.statusCode).toBe(200);
    const c = await h.runtime.db.models.Customer.findOne({ externalId: '9001' }).lean();
    const cid = c!._id.toString();
    expect(
      await h.runtime.queues.profile.getJob(
        pipelineJobId('profile', abandonedCheckoutKey('chk-abc-123'), cid),
      ),
    ).toBeUndefined();
    const ledger = await h.runtime.db.models.Message.findOne({
      customerId: c!._id,
      campaignKey: abandonedCheckoutKey('chk-abc-123'),
    }).lean();
    expect(ledger).toMatchObject({ state: 'skipped', skipReason: 'purchased' });
    const follow = await h.runtime.queues.profile.getJob(
      pipelineJobId('profile', postPurchaseKey('4401'), cid),
    );
    expect(await follow?.getState()).toBe('delayed');
    expect(await h.runtime.db.models.Order.countDocuments({ externalId: '4401' })).toBe(1);
    expect(await h.runtime.db.models.Event.countDocuments({ type: 'purchase', customerId: c!._id })).toBe(1);
  });
});
