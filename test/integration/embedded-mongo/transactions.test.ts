import { Schema, type Connection } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

const mongo = useMongo('emb_txn');

const accountSchema = new Schema({ name: { type: String, unique: true }, balance: Number });
const build = (conn: Connection) => conn.model('Account', accountSchema);
let cached: ReturnType<typeof build> | undefined;
const Account = (): ReturnType<typeof build> => (cached ??= build(mongo.conn()));

describe('embedded mongo: sessions and transactions', () => {
  it('commits writes at the end of connection.transaction', async () => {
    const A = Account();
    await A.init();
    await A.create([
      { name: 'alice', balance: 100 },
      { name: 'bob', balance: 0 },
    ]);
    await mongo.conn().transaction(async (session) => {
      await A.updateOne({ name: 'alice' }, { $inc: { balance: -30 } }, { session });
      await A.updateOne({ name: 'bob' }, { $inc: { balance: 30 } }, { session });
      await A.create([{ name: 'carol', balance: 5 }], { session });
      // Inside the transaction the session sees its own writes; others do not yet.
      expect((await A.findOne({ name: 'bob' }).session(session).lean())?.balance).toBe(30);
      expect((await A.findOne({ name: 'bob' }).lean())?.balance).toBe(0);
      expect(await A.countDocuments({ name: 'carol' })).toBe(0);
    });
    const balances = Object.fromEntries((await A.find().lean()).map((a) => [a.name, a.balance]));
    expect(balances).toEqual({ alice: 70, bob: 30, carol: 5 });
  });

  it('discards writes when the transaction aborts', async () => {
    const A = Account();
    await expect(
      mongo.conn().transaction(async (session) => {
        await A.updateOne({ name: 'alice' }, { $set: { balance: 0 } }, { session });
        await A.create([{ name: 'dave', balance: 1 }], { session });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await A.findOne({ name: 'alice' }).lean())?.balance).toBe(70);
    expect(await A.countDocuments({ name: 'dave' })).toBe(0);
  });

  it('supports session.withTransaction and explicit abortTransaction', async () => {
    const A = Account();
    const session = await mongo.conn().startSession();
    try {
      await session.withTransaction(async () => {
        await A.create([{ name: 'erin', balance: 9 }], { session });
        await A.deleteOne({ name: 'bob' }, { session });
      });
      expect(await A.countDocuments({ name: { $in: ['erin', 'bob'] } })).toBe(1);

      session.startTransaction();
      await A.create([{ name: 'frank', balance: 1 }], { session });
      await session.abortTransaction();
      expect(await A.countDocuments({ name: 'frank' })).toBe(0);
    } finally {
      await session.endSession();
    }
  });

  it('aborts a transaction whose write fails', async () => {
    const A = Account();
    await expect(
      mongo.conn().transaction(async (session) => {
        await A.create([{ name: 'gina', balance: 1 }], { session });
        await A.create([{ name: 'alice', balance: 1 }], { session });
      }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(await A.countDocuments({ name: 'gina' })).toBe(0);
  });
});
