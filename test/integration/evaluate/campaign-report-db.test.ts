import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectDatabase, type Database } from '../../../src/db/connection.js';
import { MESSAGE_STATES } from '../../../src/db/models/message.model.js';
import { buildCampaignReport, summarize, type ReportMessage } from '../../../src/evaluate/campaign-report.js';
import { testMongo } from '../../support/mongo.js';
import { withDatabase } from '../../support/wait.js';

/**
 * The database-side report against the in-process reference (`summarize`, the algorithm the
 * report used while it loaded every message) on a ledger with several campaigns, segments and
 * variants, every message state, missing segment/variant names, and orders credited to sent,
 * unsent and other campaigns' messages.
 */
describe('campaign report computed in the database', () => {
  let mongo: Awaited<ReturnType<typeof testMongo>>;
  let db: Database;
  let messages: ReportMessage[];
  let orders: Array<{ messageId: string; total: number }>;

  beforeAll(async () => {
    mongo = await testMongo();
    db = await connectDatabase(withDatabase(mongo.uri, `report_${process.pid}_${Date.now() % 1e6}`));
    const { Message, Order } = db.models;
    let s = 11;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const at = (p: number) => (rnd() < p ? new Date(1_700_000_000_000 + Math.floor(rnd() * 1e9)) : undefined);

    const docs = Array.from({ length: 1200 }, (_, i) => {
      const state = rnd() < 0.8 ? 'sent' : pick(MESSAGE_STATES);
      const delivered = at(0.9);
      const opened = delivered && at(0.45);
      return {
        _id: new Types.ObjectId(),
        customerId: new Types.ObjectId(),
        campaignKey: pick(['spring-sale', 'winback-q2', 'digest-w18']),
        campaignType: 'promo',
        state,
        ...(i % 17 === 0
          ? {}
          : { segmentName: pick(['loyal big spenders', 'window shoppers', 'new shoppers']) }),
        ...(i % 23 === 0 ? {} : { variant: pick(['benefit', 'urgency', 'social-proof']) }),
        ...(delivered ? { deliveredAt: delivered } : {}),
        ...(opened ? { openedAt: opened } : {}),
        ...(opened && rnd() < 0.4 ? { clickedAt: opened } : {}),
        ...(rnd() < 0.03 ? { unsubscribedAt: new Date() } : {}),
        ...(rnd() < 0.01 ? { complainedAt: new Date() } : {}),
        // A cleared timestamp reads as not set, as it does in process.
        ...(i % 31 === 0 ? { openedAt: null } : {}),
      };
    });
    await Message.insertMany(docs);
    const credited = docs.filter((d) => d.clickedAt || rnd() < 0.02);
    const orderDocs = credited.flatMap((d, i) =>
      Array.from({ length: 1 + (i % 3 === 0 ? 1 : 0) }, (_, j) => ({
        externalId: `o-${i}-${j}`,
        customerId: d.customerId,
        total: Math.round(rnd() * 30_000) / 100,
        at: new Date(),
        attributedMessageId: d._id,
      })),
    );
    // Orders nobody is credited with, and one credited to a message that no longer exists.
    orderDocs.push(
      { externalId: 'o-none', customerId: new Types.ObjectId(), total: 99, at: new Date() } as never,
      {
        externalId: 'o-gone',
        customerId: new Types.ObjectId(),
        total: 12,
        at: new Date(),
        attributedMessageId: new Types.ObjectId(),
      },
    );
    await Order.insertMany(orderDocs);

    messages = docs.map((d) => ({ ...d, id: d._id.toString() }));
    orders = orderDocs
      .filter((o) => o.attributedMessageId)
      .map((o) => ({ messageId: o.attributedMessageId!.toString(), total: o.total }));
  });

  afterAll(async () => {
    await db?.connection.dropDatabase().catch(() => undefined);
    await db?.close();
    await mongo?.close();
  });

  it('gives the same rows as the in-process reference, for all campaigns and for one', async () => {
    const all = await buildCampaignReport(db.models);
    expect(all).toEqual(summarize(messages, orders));
    // The fixture exercises every figure, so equality is not trivially about zeros.
    const total = (k: 'sent' | 'opened' | 'clicked' | 'conversions' | 'unsubscribes' | 'complaints') =>
      all.reduce((n, r) => n + r[k], 0);
    expect(all.length).toBeGreaterThan(20);
    for (const k of ['sent', 'opened', 'clicked', 'conversions', 'unsubscribes', 'complaints'] as const)
      expect(total(k)).toBeGreaterThan(0);
    expect(all.some((r) => r.segment === 'unknown')).toBe(true);
    expect(all.some((r) => r.variant === 'unknown')).toBe(true);

    // Orders credited a few at a time give the same revenue, added in the same order.
    expect(await buildCampaignReport(db.models, { orderChunk: 7 })).toEqual(all);

    const one = await buildCampaignReport(db.models, { campaign: 'winback-q2', orderChunk: 7 });
    expect(one).toEqual(
      summarize(
        messages.filter((m) => m.campaignKey === 'winback-q2'),
        orders,
      ),
    );
    expect(one.every((r) => r.campaign === 'winback-q2')).toBe(true);
    expect(await buildCampaignReport(db.models, { campaign: 'no-such-campaign' })).toEqual([]);
  });

  it('reads messages only by _id, never the whole ledger', async () => {
    const find = vi.spyOn(db.models.Message, 'find');
    try {
      await buildCampaignReport(db.models, { campaign: 'spring-sale' });
      expect(find.mock.calls.length).toBeGreaterThan(0);
      for (const [filter] of find.mock.calls) expect(filter).toHaveProperty('_id.$in');
    } finally {
      find.mockRestore();
    }
  });
});
