import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../../../src/db/connection.js';
import { createSendSlots } from '../../../src/send/frequency-cap.js';
import { createLedger } from '../../../src/send/ledger.js';
import { testMongo } from '../../support/mongo.js';
import { withDatabase } from '../../support/wait.js';

/**
 * The ledger and the send slots batch the calls of concurrent jobs in one tick. These tests make
 * those calls race inside one batch and across two ledgers (two worker processes' worth), and check
 * that each caller still gets the answer a lone call would give.
 */
describe('batched ledger writes and send slots', () => {
  let mongo: { uri: string; close(): Promise<void> };
  let db: Database;
  const campaign = { key: 'batch-test', type: 'weekly_digest' };

  beforeAll(async () => {
    mongo = await testMongo();
    db = await connectDatabase(withDatabase(mongo.uri, `ledger_batches_${Date.now()}`));
    await db.models.Message.init();
    await db.models.SendWindow.init();
  });
  afterAll(async () => {
    await db?.connection.dropDatabase();
    await db?.close();
    await mongo?.close();
  });

  it('reserves one row per (customer, campaign) when the same key races within and across batches', async () => {
    const [a, b] = [createLedger(db.models), createLedger(db.models)];
    const customers = Array.from({ length: 20 }, () => new Types.ObjectId().toString());
    const calls = customers.flatMap((c) => [
      a.reserve(c, campaign),
      b.reserve(c, campaign),
      a.reserve(c, campaign),
    ]);
    const results = await Promise.all(calls);
    for (let i = 0; i < customers.length; i++) {
      const trio = results.slice(i * 3, i * 3 + 3);
      expect(new Set(trio.map((r) => r.messageId)).size).toBe(1);
      expect(trio.filter((r) => r.created)).toHaveLength(1);
      expect(trio.every((r) => r.state === 'reserved')).toBe(true);
    }
    expect(await db.models.Message.countDocuments({ campaignKey: campaign.key })).toBe(customers.length);
    // A later reservation of an existing row reports it, not a new one.
    const again = await a.reserve(customers[0]!, campaign);
    expect(again).toMatchObject({ messageId: results[0]!.messageId, created: false });
  });

  it('grants each claim and each sent transition to exactly one caller', async () => {
    const [a, b] = [createLedger(db.models), createLedger(db.models)];
    const rows = await Promise.all(
      Array.from({ length: 15 }, () => a.reserve(new Types.ObjectId().toString(), campaign)),
    );
    const ids = rows.map((r) => r.messageId);
    const claims = await Promise.all(
      ids.flatMap((id) => [a.claim(id, 60_000), a.claim(id, 60_000), b.claim(id, 60_000)]),
    );
    for (let i = 0; i < ids.length; i++)
      expect(claims.slice(i * 3, i * 3 + 3).filter(Boolean)).toHaveLength(1);
    const claimed = await db.models.Message.find({ _id: { $in: ids } }).lean();
    for (const row of claimed) {
      expect(row.state).toBe('sending');
      expect(row.attempts).toBe(1);
      expect(row.leaseUntil!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    }
    // A row in another state is not claimed.
    expect(await a.claim(ids[0]!, 60_000)).toBe(false);

    const sent = await Promise.all(
      ids.flatMap((id) => [a.markSent(id, `p-${id}`, 'outbox'), b.markSent(id, `p-${id}`, 'outbox')]),
    );
    for (let i = 0; i < ids.length; i++) expect(sent.slice(i * 2, i * 2 + 2).filter(Boolean)).toHaveLength(1);
    const done = await db.models.Message.find({ _id: { $in: ids } }).lean();
    expect(
      done.every(
        (r) => r.state === 'sent' && r.providerMessageId === `p-${r._id.toString()}` && !r.leaseUntil,
      ),
    ).toBe(true);
    expect(await a.markSent(ids[0]!, 'again', 'outbox')).toBe(false);
  });

  it('holds the frequency cap when one shopper takes many slots in one batch', async () => {
    const slots = createSendSlots(db.models);
    const customerId = new Types.ObjectId().toString();
    const messages = Array.from({ length: 6 }, () => new Types.ObjectId().toString());
    const now = new Date();
    const results = await Promise.all(
      messages.map((messageId) => slots.take({ customerId, messageId, cap: 3, now })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((x) => !x.ok)) {
      if (r.ok) continue;
      expect(r.nextAt.getTime()).toBeGreaterThan(now.getTime());
    }
    const window = await db.models.SendWindow.findOne({ customerId }).lean();
    expect(window!.slots).toHaveLength(3);
    // Taking a held slot again is a no-op that answers ok.
    const holder = messages[results.findIndex((r) => r.ok)]!;
    expect(await slots.take({ customerId, messageId: holder, cap: 3, now })).toEqual({ ok: true });
    expect((await db.models.SendWindow.findOne({ customerId }).lean())!.slots).toHaveLength(3);
  });
});
