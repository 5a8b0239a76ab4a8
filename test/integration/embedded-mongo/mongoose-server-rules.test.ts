import { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

/**
 * Rules mongod enforces on the server side that a looser engine would answer with a silent
 * wrong result: collection validators, impossible update paths, unknown hints, $lookup on arrays.
 */
const mongo = useMongo('emb_server_rules');

describe('embedded mongo: collection validators', () => {
  it('enforces a $jsonSchema validator on insert, update and upsert', async () => {
    const Person = mongo.conn().model('Person', new Schema({ name: String, age: Number }, { strict: false }));
    await Person.createCollection({
      validator: {
        $jsonSchema: {
          bsonType: 'object',
          required: ['name'],
          properties: { name: { bsonType: 'string', minLength: 2 }, age: { bsonType: 'int', minimum: 0 } },
        },
      },
    });
    const error = await Person.create({ age: 3 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 121 });
    expect((error as Error).message).toMatch(/Document failed validation/);
    await Person.create({ name: 'Al', age: 3 });
    await expect(Person.updateOne({ name: 'Al' }, { $set: { age: -1 } })).rejects.toMatchObject({
      code: 121,
    });
    await expect(
      Person.updateOne({ name: 'Z' }, { $set: { age: 1 } }, { upsert: true }),
    ).rejects.toMatchObject({
      code: 121,
    });
    expect(await Person.find().lean()).toEqual([expect.objectContaining({ name: 'Al', age: 3 })]);
  });

  it('enforces query-language validators; bypassDocumentValidation and validationAction warn skip them', async () => {
    const db = mongo.conn().db;
    if (!db) throw new Error('no db');
    await db.createCollection('scored', { validator: { score: { $gte: 0 } } });
    const scored = db.collection('scored');
    await expect(scored.insertOne({ score: -1 })).rejects.toMatchObject({ code: 121 });
    await scored.insertOne({ score: -1 }, { bypassDocumentValidation: true });
    await db.command({ collMod: 'scored', validationAction: 'warn' });
    await scored.insertOne({ score: -2 });
    expect(await scored.countDocuments()).toBe(2);
  });

  it('validationLevel moderate lets invalid existing documents be updated', async () => {
    const db = mongo.conn().db;
    if (!db) throw new Error('no db');
    const coll = db.collection('moderate');
    await coll.insertOne({ _id: 1 as never, n: -5 });
    await db.command({ collMod: 'moderate', validator: { n: { $gte: 0 } }, validationLevel: 'moderate' });
    await coll.updateOne({ _id: 1 as never }, { $inc: { n: 1 } });
    await coll.insertOne({ _id: 2 as never, n: 1 });
    await expect(coll.updateOne({ _id: 2 as never }, { $set: { n: -1 } })).rejects.toMatchObject({
      code: 121,
    });
  });

  it('rejects unknown $jsonSchema keywords when the collection is created', async () => {
    await expect(
      mongo
        .conn()
        .createCollection('bad_schema', { validator: { $jsonSchema: { bsonType: 'object', nope: 1 } } }),
    ).rejects.toMatchObject({ code: 9 });
  });
});

describe('embedded mongo: update paths mongod refuses', () => {
  const coll = () => mongo.conn().collection('paths');

  it('$set below a null or scalar field fails with PathNotViable and changes nothing', async () => {
    await coll().insertOne({ _id: 'p1' as never, a: null, s: 'x', arr: [{ x: 1 }] });
    await expect(coll().updateOne({ _id: 'p1' as never }, { $set: { 'a.b': 1 } })).rejects.toMatchObject({
      code: 28,
    });
    await expect(coll().updateOne({ _id: 'p1' as never }, { $set: { 's.t': 1 } })).rejects.toMatchObject({
      code: 28,
    });
    await expect(coll().updateOne({ _id: 'p1' as never }, { $set: { 'arr.x': 2 } })).rejects.toMatchObject({
      code: 28,
    });
    await coll().updateOne({ _id: 'p1' as never }, { $set: { 'arr.0.x': 2 } });
    expect(await coll().findOne({ _id: 'p1' as never })).toEqual({
      _id: 'p1',
      a: null,
      s: 'x',
      arr: [{ x: 2 }],
    });
  });

  it('$rename through an array element is refused', async () => {
    await coll().insertOne({ _id: 'p2' as never, n: 1, arr: [{ x: 1 }] });
    await expect(
      coll().updateOne({ _id: 'p2' as never }, { $rename: { n: 'arr.0.y' } }),
    ).rejects.toMatchObject({ code: 2 });
    expect(await coll().findOne({ _id: 'p2' as never })).toEqual({ _id: 'p2', n: 1, arr: [{ x: 1 }] });
  });
});

describe('embedded mongo: hints, joins and scripts', () => {
  it('a hint naming no index fails; a real one or $natural works', async () => {
    const Tag = mongo.conn().model('Tag', new Schema({ label: { type: String, index: true } }));
    await Tag.init();
    await Tag.create({ label: 'a' });
    await expect(Tag.find({ label: 'a' }).hint('missing_1')).rejects.toMatchObject({ code: 2 });
    await expect(Tag.find({ label: 'a' }).hint({ nope: 1 })).rejects.toMatchObject({ code: 2 });
    expect(await Tag.find({ label: 'a' }).hint('label_1')).toHaveLength(1);
    expect(await Tag.find({ label: 'a' }).hint({ label: 1 })).toHaveLength(1);
    expect(await Tag.find({}).hint({ $natural: 1 })).toHaveLength(1);
  });

  it('$lookup from a local array matches any element and keeps foreign order', async () => {
    const db = mongo.conn().db;
    if (!db) throw new Error('no db');
    await db.collection('colors').insertMany([
      { _id: 1 as never, c: 'red' },
      { _id: 2 as never, c: 'blue' },
      { _id: 3 as never, c: ['green', 'red'] },
    ]);
    await db.collection('cars').insertOne({ _id: 'car' as never, paints: ['red', 'pink'] });
    const [car] = await db
      .collection('cars')
      .aggregate([{ $lookup: { from: 'colors', localField: 'paints', foreignField: 'c', as: 'found' } }])
      .toArray();
    expect((car?.found as Array<{ _id: number }>).map((d) => d._id)).toEqual([1, 3]);
    const [none] = await db
      .collection('cars')
      .aggregate([{ $lookup: { from: 'colors', localField: 'missing', foreignField: 'c', as: 'found' } }])
      .toArray();
    expect(none?.found).toEqual([]);
  });

  it('$setWindowFields ranks, while server-side JavaScript is refused clearly', async () => {
    const db = mongo.conn().db;
    if (!db) throw new Error('no db');
    const runs = db.collection('runs');
    await runs.insertMany([{ t: 3 }, { t: 1 }, { t: 2 }]);
    const ranked = await runs
      .aggregate([
        { $setWindowFields: { sortBy: { t: 1 }, output: { r: { $rank: {} } } } },
        { $sort: { t: 1 } },
      ])
      .toArray();
    expect(ranked.map((d) => d.r)).toEqual([1, 2, 3]);
    await expect(
      runs
        .aggregate([{ $addFields: { x: { $function: { body: 'return 1', args: [], lang: 'js' } } } }])
        .toArray(),
    ).rejects.toMatchObject({ code: 115 });
  });
});

describe('embedded mongo: let variables and stage details', () => {
  const coll = () => mongo.conn().collection('vars');

  it('find, update, delete and aggregate see the command `let` variables', async () => {
    await coll().insertMany([
      { _id: 1 as never, v: 5 },
      { _id: 2 as never, v: 9 },
    ]);
    const found = await coll()
      .find({ $expr: { $gt: ['$v', '$$min'] } }, { let: { min: 6 } })
      .toArray();
    expect(found.map((d) => d._id)).toEqual([2]);
    await coll().updateOne({ $expr: { $eq: ['$_id', '$$id'] } }, [{ $set: { w: '$$val' } }], {
      let: { id: 1, val: 'L' },
    });
    expect(await coll().findOne({ _id: 1 as never })).toEqual({ _id: 1, v: 5, w: 'L' });
    const agg = await coll()
      .aggregate([{ $match: { $expr: { $lt: ['$v', '$$max'] } } }, { $project: { _id: 1 } }], {
        let: { max: 6 },
      })
      .toArray();
    expect(agg).toEqual([{ _id: 1 }]);
    const deleted = await coll().deleteMany({ $expr: { $eq: ['$v', '$$v'] } }, { let: { v: 9 } });
    expect(deleted.deletedCount).toBe(1);
  });

  it('$redact drops pruned documents instead of returning empty ones', async () => {
    const out = await coll()
      .aggregate([{ $redact: { $cond: [{ $gt: ['$v', 4] }, '$$KEEP', '$$PRUNE'] } }])
      .toArray();
    expect(out.map((d) => d._id)).toEqual([1]);
    const none = await coll()
      .aggregate([{ $redact: { $cond: [{ $gt: ['$v', 100] }, '$$KEEP', '$$PRUNE'] } }, { $count: 'n' }])
      .toArray();
    expect(none).toEqual([]);
  });

  it('reports MongoDB codes for a $group without _id and a mixed $project', async () => {
    await expect(
      coll()
        .aggregate([{ $group: { n: { $sum: 1 } } }])
        .toArray(),
    ).rejects.toMatchObject({
      code: 15955,
    });
    await expect(
      coll()
        .aggregate([{ $project: { a: 1, b: 0 } }])
        .toArray(),
    ).rejects.toMatchObject({
      code: 31254,
    });
  });
});
