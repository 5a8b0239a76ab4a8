import { Schema } from 'mongoose';
import type { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

const mongo = useMongo('emb_idx');

async function rejection(promise: Promise<unknown>): Promise<MongoServerError> {
  try {
    await promise;
  } catch (error) {
    return error as MongoServerError;
  }
  throw new Error('expected a rejection');
}

describe('embedded mongo: indexes and duplicate keys', () => {
  it('enforces a unique index on create, insertMany (unordered) and update', async () => {
    const conn = mongo.conn();
    const User = conn.model('User', new Schema({ email: { type: String, unique: true }, name: String }));
    await User.init();
    await User.create({ email: 'a@x.io', name: 'A' });
    const dup = await rejection(User.create({ email: 'a@x.io' }));
    expect(dup.code).toBe(11000);
    expect(dup.keyPattern).toEqual({ email: 1 });
    expect(dup.keyValue).toEqual({ email: 'a@x.io' });
    expect(dup.message).toContain('E11000 duplicate key error collection:');
    expect(dup.message).toContain('index: email_1 dup key: { email: "a@x.io" }');

    const bulk = (await rejection(
      User.insertMany([{ email: 'b@x.io' }, { email: 'a@x.io' }, { email: 'c@x.io' }, { email: 'b@x.io' }], {
        ordered: false,
      }),
    )) as unknown as MongoBulkWriteError;
    expect(bulk.code).toBe(11000);
    const errors = bulk.writeErrors as unknown as Array<{
      index: number;
      code: number;
      err: { keyValue?: unknown };
    }>;
    expect(errors.map((e) => e.index)).toEqual([1, 3]);
    expect(errors.every((e) => e.code === 11000)).toBe(true);
    expect(await User.countDocuments()).toBe(3);

    const upd = await rejection(User.updateOne({ email: 'c@x.io' }, { $set: { email: 'a@x.io' } }));
    expect(upd.code).toBe(11000);
    expect(upd.keyValue).toEqual({ email: 'a@x.io' });

    const idDup = await rejection(
      conn.db!.collection('users').insertOne({ _id: (await User.findOne().lean())!._id }),
    );
    expect(idDup.code).toBe(11000);
    expect(idDup.keyPattern).toEqual({ _id: 1 });
  });

  it('supports compound, sparse and partial unique indexes', async () => {
    const coll = mongo.conn().db!.collection('things');
    await coll.createIndex({ shop: 1, sku: -1 }, { unique: true });
    await coll.createIndex({ code: 1 }, { unique: true, sparse: true });
    await coll.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await coll.insertMany([
      { shop: 1, sku: 'a' },
      { shop: 2, sku: 'a' },
      { shop: 1, sku: 'b', email: 'x', active: false },
      { shop: 3, sku: 'a', email: 'x', active: false },
      { shop: 4, sku: 'a', email: 'x', active: true },
    ]);
    const compound = await rejection(coll.insertOne({ shop: 1, sku: 'a' }));
    expect(compound.keyPattern).toEqual({ shop: 1, sku: -1 });
    expect(compound.keyValue).toEqual({ shop: 1, sku: 'a' });
    expect((await rejection(coll.insertOne({ shop: 9, sku: 'z', email: 'x', active: true }))).code).toBe(
      11000,
    );
    await coll.insertOne({ shop: 5, sku: 'a', code: 'c1' });
    expect((await rejection(coll.insertOne({ shop: 6, sku: 'a', code: 'c1' }))).code).toBe(11000);
  });

  it('lists, names, re-creates and drops indexes like mongod', async () => {
    const coll = mongo.conn().db!.collection('named');
    expect(await coll.createIndex({ a: 1, b: -1 })).toBe('a_1_b_-1');
    expect(await coll.createIndex({ a: 1, b: -1 })).toBe('a_1_b_-1');
    await coll.createIndex({ t: 1 }, { expireAfterSeconds: 3600, name: 'ttl' });
    const indexes = await coll.listIndexes().toArray();
    expect(indexes).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { a: 1, b: -1 }, name: 'a_1_b_-1' },
      { v: 2, key: { t: 1 }, name: 'ttl', expireAfterSeconds: 3600 },
    ]);
    const sameNameOtherKey = await rejection(coll.createIndex({ c: 1 }, { name: 'ttl' }));
    expect(sameNameOtherKey.code).toBe(86);
    const sameNameOtherOptions = await rejection(
      coll.createIndex({ t: 1 }, { name: 'ttl', expireAfterSeconds: 10 }),
    );
    expect(sameNameOtherOptions.code).toBe(85);
    await coll.dropIndex('a_1_b_-1');
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'ttl']);
    expect((await rejection(coll.dropIndex('nope'))).code).toBe(27);
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('refuses to build a unique index over duplicates', async () => {
    const coll = mongo.conn().db!.collection('dups');
    await coll.insertMany([{ k: 1 }, { k: 1 }]);
    expect((await rejection(coll.createIndex({ k: 1 }, { unique: true }))).code).toBe(11000);
  });

  it('expires documents through a TTL index', async () => {
    const conn = mongo.conn();
    const Session = conn.model('Sess', new Schema({ token: String, createdAt: { type: Date, expires: 1 } }));
    await Session.init();
    await Session.create([
      { token: 'old', createdAt: new Date(Date.now() - 60_000) },
      { token: 'new', createdAt: new Date(Date.now() + 3_600_000) },
    ]);
    // mongod's TTL monitor runs every 60 s; the embedded one every second.
    const deadline = Date.now() + (process.env.MONGO_URL ? 90_000 : 5_000);
    while ((await Session.countDocuments({ token: 'old' })) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await Session.find().lean()).map((s) => s.token)).toEqual(['new']);
  }, 100_000);
});
