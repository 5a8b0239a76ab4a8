import type { Db, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

/** Updates write copies that share untouched parts with the stored document; indexes follow. */
const mongo = useMongo('emb_update_paths');
const db = (): Db => mongo.conn().db as Db;

describe('embedded mongo: plain-path updates and index maintenance', () => {
  it('a nested $set/$unset/$inc leaves the document the update started from as it was', async () => {
    const coll = db().collection('paths');
    await coll.insertOne({ _id: 1 as never, meta: { a: 1, b: { c: 1 } }, big: { keep: [1, 2] }, n: 1 });
    const before = await coll.findOneAndUpdate(
      { _id: 1 as never },
      { $set: { 'meta.b.c': 2, 'meta.z': 3 }, $unset: { 'meta.a': '' }, $inc: { n: 1 } },
      { returnDocument: 'before' },
    );
    expect(before).toEqual({ _id: 1, meta: { a: 1, b: { c: 1 } }, big: { keep: [1, 2] }, n: 1 });
    expect(await coll.findOne({ _id: 1 as never })).toEqual({
      _id: 1,
      meta: { b: { c: 2 }, z: 3 },
      big: { keep: [1, 2] },
      n: 2,
    });
    const same = await coll.updateOne({ _id: 1 as never }, { $set: { 'meta.z': 3 } });
    expect(same.modifiedCount).toBe(0);
    const retyped = await coll.updateOne({ _id: 1 as never }, { $set: { 'meta.z': 3.5 } });
    expect(retyped.modifiedCount).toBe(1);
  });

  it('indexes follow updates of indexed fields and ignore the others', async () => {
    const coll = db().collection('indexed');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.createIndex({ state: 1, at: -1 });
    await coll.insertMany([
      { _id: 1, email: 'a@x', state: 'new', at: 1, body: 'x' },
      { _id: 2, email: 'b@x', state: 'new', at: 2, body: 'y' },
    ] as never);
    await coll.updateOne({ _id: 1 as never }, { $set: { body: 'changed' } });
    const dup = await coll
      .updateOne({ _id: 2 as never }, { $set: { email: 'a@x' } })
      .catch((e: unknown) => e);
    expect((dup as MongoServerError).code).toBe(11000);
    await coll.updateOne({ _id: 1 as never }, { $set: { state: 'sent', email: 'c@x' } });
    expect((await coll.find({ state: 'new' }).toArray()).map((d) => d._id)).toEqual([2]);
    expect((await coll.find({ state: 'sent' }).toArray()).map((d) => d._id)).toEqual([1]);
    expect(await coll.findOne({ email: 'a@x' })).toBeNull();
    await coll.updateOne({ _id: 2 as never }, { $set: { email: 'a@x' } });
    expect((await coll.findOne({ email: 'a@x' }))?._id).toBe(2);
  });
});
