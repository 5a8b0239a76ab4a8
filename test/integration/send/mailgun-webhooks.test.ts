import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.js';
import { signMailgunWebhook } from '../../../src/evaluate/mailgun-signature.js';
import { createLogger } from '../../../src/logger.js';
import { openRuntime, type Runtime } from '../../../src/runtime/open-runtime.js';
import { buildHttpForRuntime } from '../../../src/runtime/start-http.js';
import { testMongo } from '../../support/mongo.js';
import { REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { withDatabase } from '../../support/wait.js';
import { seedSendable, type SeededSend } from './send-fixtures.js';

const SIGNING_KEY = 'test-webhook-signing-key';
const ADMIN = `Basic ${Buffer.from('ops:ops-secret').toString('base64')}`;

function webhook(event: Record<string, unknown>, opts: { key?: string; ageS?: number; token?: string } = {}) {
  const timestamp = String(Math.floor(Date.now() / 1000) - (opts.ageS ?? 0));
  const token = opts.token ?? randomBytes(25).toString('hex');
  return {
    signature: { timestamp, token, signature: signMailgunWebhook(opts.key ?? SIGNING_KEY, timestamp, token) },
    'event-data': { id: randomBytes(8).toString('hex'), timestamp: Date.now() / 1000, ...event },
  };
}

describe('Mailgun webhooks, attribution and the deliverability breaker (HTTP app in-process)', () => {
  let mongo: { uri: string; close(): Promise<void> };
  let redis: ReturnType<typeof uniquePrefix>;
  let runtime: Runtime;
  let app: FastifyInstance;
  let rows: SeededSend[];
  const post = (body: unknown) =>
    app.inject({ method: 'POST', url: '/webhooks/mailgun', payload: body as object });
  const msg = (row: SeededSend) => runtime.db.models.Message.findById(row.messageId).lean();

  beforeAll(async () => {
    mongo = await testMongo();
    redis = uniquePrefix('mgwh');
    const config = parseConfig({
      MONGO_URL: withDatabase(mongo.uri, `mgwh_${redis.prefix.slice(-8)}`),
      REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      MAILGUN_WEBHOOK_SIGNING_KEY: SIGNING_KEY,
      ADMIN_USER: 'ops',
      ADMIN_PASSWORD: 'ops-secret',
      GENERATOR: 'composer',
      DELIVERABILITY_MIN_SAMPLE: '5',
      OUTBOX_DIR: `/tmp/${redis.prefix}-outbox`,
      LOG_LEVEL: 'silent',
    });
    const logger = createLogger('test', 'silent');
    runtime = await openRuntime(config, logger);
    app = await buildHttpForRuntime(runtime, logger);
    await app.ready();
    rows = await seedSendable(runtime.db.models, { customers: 8, campaigns: ['wh'] });
    await runtime.db.models.Message.updateMany({}, { $set: { state: 'sent', sentAt: new Date() } });
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.db.connection.dropDatabase().catch(() => undefined);
    await runtime?.close();
    await redis?.cleanup();
    await mongo?.close();
  });

  it('rejects forged, stale and replayed webhooks with 401 and changes nothing', async () => {
    const row = rows[0]!;
    const event = { event: 'delivered', 'user-variables': { message_id: row.messageId } };
    expect((await post(webhook(event, { key: 'wrong-key' }))).statusCode).toBe(401);
    expect((await post(webhook(event, { ageS: 600 }))).statusCode).toBe(401);
    expect((await post({ 'event-data': { id: 'x', event: 'delivered', timestamp: 1 } })).statusCode).toBe(
      401,
    );
    expect((await msg(row))?.deliveredAt).toBeFalsy();
    expect(await runtime.db.models.Event.countDocuments({})).toBe(0);

    const signed = webhook(event);
    expect((await post(signed)).statusCode).toBe(200);
    const replay = {
      ...signed,
      'event-data': { ...signed['event-data'], id: 'another-id', event: 'complained' },
    };
    expect((await post(replay)).statusCode).toBe(401);
    expect(await runtime.db.models.Event.countDocuments({})).toBe(1);
    expect(await runtime.db.models.Suppression.countDocuments({})).toBe(0);
  });

  it('a signed event updates the ledger and stores one Event, even when redelivered', async () => {
    const row = rows[1]!;
    const first = webhook({ event: 'opened', 'user-variables': { message_id: row.messageId } });
    expect((await post(first)).json()).toMatchObject({ status: 'applied', type: 'email_opened' });
    // Redelivery: same event id, fresh signature and token.
    const again = webhook({ ...first['event-data'] });
    expect((await post(again)).json()).toMatchObject({ status: 'duplicate' });
    expect((await msg(row))?.openedAt).toBeInstanceOf(Date);
    expect(
      await runtime.db.models.Event.countDocuments({ messageId: row.messageId, type: 'email_opened' }),
    ).toBe(1);
  });

  it('a click rewards the bandit once, learns a send hour, and credits an order in the window', async () => {
    const row = rows[2]!;
    const { Message, Order, BanditArm, Customer } = runtime.db.models;
    const variant = (await msg(row))?.variant;
    for (let i = 0; i < 2; i++) {
      const res = await post(
        webhook({
          event: 'clicked',
          url: 'https://shop.example.com/x',
          'user-variables': { message_id: row.messageId },
        }),
      );
      expect(res.statusCode).toBe(200);
    }
    const arm = await BanditArm.findOne({ bandit: 'copy:weekly_digest', arm: variant }).lean();
    expect(arm?.rewards).toBe(0.5);
    expect((await Message.findById(row.messageId).lean())?.clickedAt).toBeInstanceOf(Date);
    expect((await Customer.findById(row.customerId).lean())?.preferredSendHour).toBe(
      new Date().getUTCHours(),
    );

    // The storefront reports an order a minute later: orders/create credits the clicked email.
    const { createHmac } = await import('node:crypto');
    const customer = await Customer.findById(row.customerId).lean();
    const body = JSON.stringify({
      id: 9001,
      email: customer!.email,
      created_at: new Date(Date.now() + 60_000).toISOString(),
      total_price: '59.90',
      currency: 'USD',
      customer: { id: 'c-2', email: customer!.email },
      line_items: [{ sku: 'SKU-1', quantity: 1, price: '59.90' }],
    });
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-webhook-id': 'order-9001',
        'x-shopify-hmac-sha256': createHmac('sha256', runtime.config.SHOPIFY_WEBHOOK_SECRET)
          .update(body)
          .digest('base64'),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const order = await Order.findOne({ externalId: '9001' }).lean();
    expect(order?.attributedMessageId?.toString()).toBe(row.messageId);
    expect((await BanditArm.findOne({ bandit: 'copy:weekly_digest', arm: variant }).lean())?.rewards).toBe(1);
  });

  it('complaints and permanent failures suppress the address and trip the breaker (send queue paused) until resumed', async () => {
    const { Suppression, Customer } = runtime.db.models;
    expect(
      (await post(webhook({ event: 'complained', 'user-variables': { message_id: rows[3]!.messageId } })))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await post(
          webhook({
            event: 'failed',
            severity: 'temporary',
            'user-variables': { message_id: rows[4]!.messageId },
          }),
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(
          webhook({
            event: 'failed',
            severity: 'permanent',
            'user-variables': { message_id: rows[5]!.messageId },
          }),
        )
      ).statusCode,
    ).toBe(200);
    const emails = (
      await Customer.find({
        _id: { $in: [rows[3]!.customerId, rows[4]!.customerId, rows[5]!.customerId] },
      }).lean()
    ).map((c) => c.email);
    const suppressed = await Suppression.find({ email: { $in: emails } }).lean();
    expect(suppressed.map((s) => s.reason).sort()).toEqual(['bounced', 'complained']);

    // 1 complaint in 8 sends is far over 0.3% with a minimum sample of 5.
    expect(await runtime.queues.send.isPaused()).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/admin/sending' })).statusCode).toBe(401);
    const status = await app.inject({
      method: 'GET',
      url: '/admin/sending',
      headers: { authorization: ADMIN },
    });
    expect(status.json()).toMatchObject({ open: true, queuePaused: true });
    const resumed = await app.inject({
      method: 'POST',
      url: '/admin/sending/resume',
      headers: { authorization: ADMIN },
    });
    expect(resumed.json()).toMatchObject({ open: false, queuePaused: false });
    expect(await runtime.queues.send.isPaused()).toBe(false);
  });
});
