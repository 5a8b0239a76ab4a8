import { BSON } from 'bson';
import { MongoClient, type CommandSucceededEvent, type Db } from 'mongodb';
import { Schema, type Connection } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddedOnly, failure, useMongo } from './setup.js';

/** Differences a mongoose-API suite found between this server and mongod, each pinned down. */
const mongo = useMongo('emb_gaps');
const db = (): Db => mongo.conn().db as Db;

const itemSchema = new Schema({
  _id: Number,
  a: String,
  n: Number,
  arr: [Number],
  d: Date,
  m: Number,
  bits: Number,
  s: String,
});
function build(conn: Connection) {
  return { Item: conn.model('Item', itemSchema) };
}
let cached: ReturnType<typeof build> | undefined;
const models = (): ReturnType<typeof build> => (cached ??= build(mongo.conn()));

describe('embedded mongo: behaviour mongod has and a previous pass missed', () => {
  beforeAll(async () => {
    await db()
      .collection('items')
      .insertMany([
        { _id: 1, a: 'x', n: 5, arr: [3, 1, 9], d: new Date(1000), m: 10, bits: 5, s: 'item10' },
        { _id: 2, a: 'y', n: 2, arr: [2, 8], d: null, m: 7, bits: 3, s: 'item9' },
        { _id: 3, n: 7, arr: [], m: 4, bits: 7, s: 'item100' },
        { _id: 4, a: 'X', arr: [5], m: 13, bits: 1, s: 'Item2' },
      ] as never);
  });

  it('$project keeps input order with _id first and appends computed fields in spec order', async () => {
    const out = await models().Item.aggregate([
      { $match: { _id: 1 } },
      { $project: { s: 1, k: { $add: ['$n', 1] }, a: 1, n: { $multiply: ['$n', 2] } } },
    ]);
    expect(Object.keys(out[0] as object)).toEqual(['_id', 'a', 's', 'k', 'n']);
    expect(out[0]).toEqual({ _id: 1, a: 'x', s: 'item10', k: 6, n: 10 });
    const looked = await models().Item.aggregate([
      { $match: { _id: 2 } },
      { $lookup: { from: 'items', localField: 'a', foreignField: 'a', as: 'j' } },
      { $project: { ids: '$j._id' } },
    ]);
    expect(Object.keys(looked[0] as object)).toEqual(['_id', 'ids']);
  });

  it('$bucketAuto and $group put _id first', async () => {
    const buckets = await models().Item.aggregate([{ $bucketAuto: { groupBy: '$m', buckets: 2 } }]);
    expect(buckets.map((b) => Object.keys(b as object))).toEqual([
      ['_id', 'count'],
      ['_id', 'count'],
    ]);
    const groups = await models().Item.aggregate([
      { $group: { n: { $sum: 1 }, _id: null, hi: { $max: '$m' } } },
    ]);
    expect(Object.keys(groups[0] as object)).toEqual(['_id', 'n', 'hi']);
  });

  it('an invalid regular expression fails with 51091', async () => {
    const error = await failure(
      models()
        .Item.find({ a: { $regex: '(' } })
        .exec(),
    );
    expect(error.code).toBe(51091);
    expect(error.message).toMatch(/^Regular expression is invalid/);
  });

  it('$lookup: a local empty array joins as null; a foreign empty array is not null', async () => {
    await db()
      .collection('joins')
      .insertMany([
        { _id: 'empty', k: [] },
        { _id: 'null', k: null },
        { _id: 'missing' },
        { _id: 'inner', k: [null] },
        { _id: 'one', k: 1 },
      ] as never);
    const out = await db()
      .collection('joins')
      .aggregate([
        { $lookup: { from: 'joins', localField: 'k', foreignField: 'k', as: 'j' } },
        { $project: { j: '$j._id' } },
      ])
      .toArray();
    const byId = Object.fromEntries(out.map((d) => [d._id as string, d.j as string[]]));
    expect(byId.empty).toEqual(['null', 'missing', 'inner']);
    expect(byId.null).toEqual(['null', 'missing', 'inner']);
    expect(byId.one).toEqual(['one']);
  });

  it('unused arrayFilters fail at parse time even when nothing matches', async () => {
    // mongoose drops array filters whose identifier is not a schema path, so send it raw.
    const error = await failure(
      db()
        .collection('items')
        .updateMany({ _id: 99 as never }, { $set: { n: 1 } }, { arrayFilters: [{ 'i.a': 1 }] }),
    );
    expect(error.message, String(error)).toMatch(/array filter for identifier .i. was not used/);
    expect(error.code).toBe(9);
    // The driver refuses this combination itself; the server must too when sent raw.
    const pipeline = await db().command({
      update: 'items',
      updates: [{ q: { _id: 99 }, u: [{ $set: { n: 1 } }], arrayFilters: [{ i: 1 }] }],
    });
    expect(pipeline.writeErrors?.[0]?.code).toBe(9);
  });

  it('$expr reads $$NOW and $$CLUSTER_TIME', async () => {
    const past = await models()
      .Item.find({ $expr: { $lt: ['$d', '$$NOW'] } })
      .lean();
    expect(past.map((d) => d._id)).toEqual([1]);
    const all = await models().Item.countDocuments({
      $expr: { $eq: [{ $type: '$$CLUSTER_TIME' }, 'timestamp'] },
    });
    expect(all).toBe(4);
  });

  it('$mod validates like mongod; $comment is ignored; $jsonSchema filters', async () => {
    expect(
      (
        await failure(
          models()
            .Item.find({ m: { $mod: [0, 1] } })
            .exec(),
        )
      ).message,
    ).toBe('divisor cannot be 0');
    expect(
      (
        await failure(
          models()
            .Item.find({ m: { $mod: [3] } } as never)
            .exec(),
        )
      ).code,
    ).toBe(2);
    const mod = await models()
      .Item.find({ m: { $mod: [3, 1] }, n: { $mod: [2.9, 1] } })
      .lean();
    expect(mod.map((d) => d._id)).toEqual([1, 3]);
    const commented = await models()
      .Item.find({ $comment: 'why', _id: 2 } as never)
      .lean();
    expect(commented.map((d) => d._id)).toEqual([2]);
    const schema = await models()
      .Item.find({ $jsonSchema: { required: ['a'], properties: { n: { bsonType: 'int' } } } })
      .lean();
    expect(schema.map((d) => d._id)).toEqual([1, 2, 4]);
  });

  it('sorts strings by a numericOrdering collation', async () => {
    const out = await models()
      .Item.find({}, { s: 1, _id: 0 })
      .sort({ s: 1 })
      .collation({ locale: 'en', numericOrdering: true })
      .lean();
    expect(out.map((d) => d.s)).toEqual(['Item2', 'item9', 'item10', 'item100']);
    const gt = await models()
      .Item.find({ s: { $gt: 'item9' } }, { _id: 1 })
      .collation({ locale: 'en', numericOrdering: true })
      .lean();
    expect(gt.map((d) => d._id).sort()).toEqual([1, 3]);
  });

  it('$elemMatch projection on an array of scalars, after the other fields', async () => {
    const out = await models()
      .Item.find({ _id: 1 }, { arr: { $elemMatch: { $gt: 2 } }, a: 1 })
      .lean();
    expect(out).toEqual([{ _id: 1, a: 'x', arr: [3] }]);
    expect(
      await db()
        .collection('items')
        .find({ _id: 2 as never }, { projection: { arr: { $elemMatch: { $gt: 50 } }, _id: 0 } })
        .toArray(),
    ).toEqual([{}]);
  });

  embeddedOnly('Model.watch() fails with a clear message', async () => {
    const error = await new Promise<Error>((resolve) => {
      const stream = models().Item.watch();
      stream.on('error', (e: Error) => {
        void stream.close();
        resolve(e);
      });
    });
    expect(error.message).toMatch(/Change streams .* not supported/);
  });
});

describe('embedded mongo: BSON size limits as mongod enforces them', () => {
  it('reports mongod limits in hello', async () => {
    const hello = await db().admin().command({ hello: 1 });
    expect(hello.maxBsonObjectSize).toBe(16777216);
    expect(hello.maxMessageSizeBytes).toBe(48000000);
  });

  it('refuses a single document over 16 MiB that the driver lets through (10334)', async () => {
    const coll = db().collection('oversize');
    const error = await failure(coll.insertOne({ s: 'x'.repeat(16 * 1024 * 1024) }));
    expect(error.code).toBe(10334);
    expect(error.message).toMatch(/object to insert too large. size in bytes: \d+, max size: 16777216/);
    const replace = await failure(coll.replaceOne({}, { s: 'x'.repeat(16 * 1024 * 1024) }, { upsert: true }));
    expect(replace.code).toBe(17419);
    expect(await coll.countDocuments()).toBe(0);
  });

  it('splits a huge result into batches under 16 MiB and continues with getMore', async () => {
    const coll = db().collection('hugeresult');
    const big = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 40; i += 10)
      await coll.insertMany(Array.from({ length: 10 }, (_, j) => ({ i: i + j, big })));
    const client = await new MongoClient(mongo.uri(), { monitorCommands: true }).connect();
    const replies: Array<{ name: string; bytes: number }> = [];
    client.on('commandSucceeded', (event: CommandSucceededEvent) => {
      replies.push({ name: event.commandName, bytes: BSON.calculateObjectSize(event.reply as never) });
    });
    const docs = await client
      .db(db().databaseName)
      .collection('hugeresult')
      .find({})
      .sort({ i: 1 })
      .toArray();
    await client.close();
    expect(docs.map((d) => d.i)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const batches = replies.filter((r) => r.name === 'find' || r.name === 'getMore');
    expect(batches[0]?.name).toBe('find');
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const b of batches) expect(b.bytes).toBeLessThanOrEqual(16 * 1024 * 1024 + 16 * 1024);
  });
});
