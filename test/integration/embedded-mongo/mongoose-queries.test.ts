import { Schema, type Connection } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddedOnly, useMongo } from './setup.js';

/** Query operators, sorting, collation and cursors through mongoose, as MongoDB answers them. */
const mongo = useMongo('emb_queries');

const itemSchema = new Schema({
  name: String,
  price: Number,
  tags: [String],
  sizes: [Number],
  dims: { w: Number, h: Number },
  parts: [{ _id: false, kind: String, n: Number }],
  at: Date,
  mixed: Schema.Types.Mixed,
});

function build(conn: Connection) {
  return conn.model('Item', itemSchema);
}
let cached: ReturnType<typeof build> | undefined;
const Item = (): ReturnType<typeof build> => (cached ??= build(mongo.conn()));
const names = (docs: Array<{ name?: string | null }>): string[] => docs.map((d) => d.name ?? '');

describe('embedded mongo: queries through mongoose', () => {
  beforeAll(async () => {
    await Item().insertMany([
      {
        name: 'Alpha',
        price: 10,
        tags: ['a', 'b'],
        sizes: [1, 2, 3],
        dims: { w: 2, h: 3 },
        parts: [
          { kind: 'x', n: 1 },
          { kind: 'y', n: 5 },
        ],
        at: new Date('2024-01-10T00:00:00Z'),
        mixed: 1,
      },
      {
        name: 'beta',
        price: 20,
        tags: ['b'],
        sizes: [4],
        dims: { w: 5, h: 5 },
        parts: [{ kind: 'x', n: 7 }],
        at: new Date('2024-02-10T00:00:00Z'),
        mixed: 'one',
      },
      {
        name: 'Gamma',
        price: 30,
        tags: [],
        sizes: [],
        dims: { w: 1, h: 9 },
        parts: [],
        at: new Date('2024-03-10T00:00:00Z'),
        mixed: null,
      },
      { name: 'delta', price: 20, tags: ['c', 'a', 'b'], mixed: [1, 2] },
    ]);
  });

  it('$regex with options, as a RegExp and as a string', async () => {
    expect(names(await Item().find({ name: /^a/i }).lean())).toEqual(['Alpha']);
    expect(
      names(
        await Item()
          .find({ name: { $regex: 'TA$', $options: 'i' } })
          .lean(),
      ),
    ).toEqual(['beta', 'delta']);
    expect(await Item().countDocuments({ name: { $not: /a/ } })).toBe(0);
    // 'x' (extended) has no JavaScript flag: whitespace and # comments are dropped.
    const extended = await Item()
      .find({ name: { $regex: '^ al  pha # the first\n', $options: 'ix' } })
      .lean();
    expect(names(extended)).toEqual(['Alpha']);
  });

  it('$elemMatch on subdocuments and on scalars', async () => {
    expect(
      names(
        await Item()
          .find({ parts: { $elemMatch: { kind: 'x', n: { $gt: 3 } } } })
          .lean(),
      ),
    ).toEqual(['beta']);
    // Without $elemMatch the conditions may hold on different elements.
    expect(
      names(
        await Item()
          .find({ 'parts.kind': 'x', 'parts.n': { $gt: 3 } })
          .lean(),
      ),
    ).toEqual(['Alpha', 'beta']);
    expect(
      names(
        await Item()
          .find({ sizes: { $elemMatch: { $gte: 2, $lt: 3 } } })
          .lean(),
      ),
    ).toEqual(['Alpha']);
  });

  it('$all, $size, $in and $nin on arrays', async () => {
    expect(
      names(
        await Item()
          .find({ tags: { $all: ['a', 'b'] } })
          .lean(),
      ),
    ).toEqual(['Alpha', 'delta']);
    expect(
      names(
        await Item()
          .find({ tags: { $size: 0 } })
          .lean(),
      ),
    ).toEqual(['Gamma']);
    expect(
      names(
        await Item()
          .find({ tags: { $in: ['c', 'zz'] } })
          .lean(),
      ),
    ).toEqual(['delta']);
    expect(
      names(
        await Item()
          .find({ tags: { $nin: ['a'] } })
          .lean(),
      ),
    ).toEqual(['beta', 'Gamma']);
    expect(names(await Item().find({ tags: 'b' }).lean())).toEqual(['Alpha', 'beta', 'delta']);
  });

  it('$exists and $type, including null and arrays', async () => {
    expect(
      names(
        await Item()
          .find({ dims: { $exists: false } })
          .lean(),
      ),
    ).toEqual(['delta']);
    expect(
      names(
        await Item()
          .find({ mixed: { $type: 'string' } })
          .lean(),
      ),
    ).toEqual(['beta']);
    expect(
      names(
        await Item()
          .find({ mixed: { $type: 'null' } })
          .lean(),
      ),
    ).toEqual(['Gamma']);
    expect(
      names(
        await Item()
          .find({ mixed: { $type: 'array' } })
          .lean(),
      ),
    ).toEqual(['delta']);
    expect(
      names(
        await Item()
          .find({ mixed: { $type: 'number' } })
          .lean(),
      ),
    ).toEqual(['Alpha', 'delta']);
    expect(names(await Item().find({ mixed: null }).lean())).toEqual(['Gamma']);
  });

  it('$expr comparing two fields', async () => {
    expect(
      names(
        await Item()
          .find({ $expr: { $gt: ['$dims.h', '$dims.w'] } })
          .lean(),
      ),
    ).toEqual(['Alpha', 'Gamma']);
  });

  it('nested dotted paths and Date ranges', async () => {
    expect(
      names(
        await Item()
          .find({ 'dims.w': { $gte: 2 } })
          .lean(),
      ),
    ).toEqual(['Alpha', 'beta']);
    const feb = await Item()
      .find({ at: { $gte: new Date('2024-02-01'), $lt: new Date('2024-03-01') } })
      .lean();
    expect(names(feb)).toEqual(['beta']);
    expect(
      names(
        await Item()
          .find({ at: { $gt: '2024-02-15' } })
          .lean(),
      ),
    ).toEqual(['Gamma']);
  });

  it('$or, $and, $nor', async () => {
    const docs = await Item()
      .find({ $or: [{ price: 10 }, { name: 'delta' }], $nor: [{ tags: 'c' }] })
      .lean();
    expect(names(docs)).toEqual(['Alpha']);
  });

  it('sorts by several keys, and mixed types by BSON type order', async () => {
    const sorted = await Item().find({}).sort({ price: -1, name: 1 }).lean();
    expect(names(sorted)).toEqual(['Gamma', 'beta', 'delta', 'Alpha']);
    // null/missing < numbers < strings < arrays are compared by their smallest element ascending.
    const byMixed = await Item().find({}).sort({ mixed: 1, name: 1 }).lean();
    expect(names(byMixed)).toEqual(['Gamma', 'Alpha', 'delta', 'beta']);
    const desc = await Item().find({}).sort({ mixed: -1, name: 1 }).lean();
    expect(names(desc)).toEqual(['beta', 'delta', 'Alpha', 'Gamma']);
  });

  it('skip, limit and select', async () => {
    const page = await Item()
      .find({})
      .sort({ price: 1, name: 1 })
      .skip(1)
      .limit(2)
      .select('name -_id')
      .lean();
    expect(page).toEqual([{ name: 'beta' }, { name: 'delta' }]);
    const excluded = await Item().findOne({ name: 'Alpha' }).select('-parts -tags -sizes').lean().orFail();
    expect(Object.keys(excluded).sort()).toEqual(['__v', '_id', 'at', 'dims', 'mixed', 'name', 'price']);
  });

  it('projects dotted paths, $slice and $elemMatch', async () => {
    const doc = await Item()
      .findOne({ name: 'Alpha' }, { 'dims.w': 1, sizes: { $slice: 2 }, parts: { $elemMatch: { n: 5 } } })
      .lean<{ dims: unknown; sizes: number[]; parts: unknown[] }>()
      .orFail();
    expect(doc.dims).toEqual({ w: 2 });
    expect(doc.sizes).toEqual([1, 2]);
    expect(doc.parts).toEqual([{ kind: 'y', n: 5 }]);
  });

  it('rejects a projection mixing inclusion and exclusion', async () => {
    await expect(Item().collection.findOne({}, { projection: { name: 1, price: 0 } })).rejects.toMatchObject({
      code: 31254,
    });
  });

  it('collation strength 2 compares case-insensitively in find and sort', async () => {
    const found = await Item().find({ name: 'ALPHA' }).collation({ locale: 'en', strength: 2 }).lean();
    expect(names(found)).toEqual(['Alpha']);
    const sorted = await Item()
      .find({ name: { $exists: true } })
      .sort({ name: 1 })
      .collation({ locale: 'en', strength: 2 })
      .lean();
    expect(names(sorted)).toEqual(['Alpha', 'beta', 'delta', 'Gamma']);
    expect(names(await Item().find({}).sort({ name: 1 }).lean())).toEqual([
      'Alpha',
      'Gamma',
      'beta',
      'delta',
    ]);
  });

  it('counts, estimates and distinct values with filters', async () => {
    expect(await Item().estimatedDocumentCount()).toBe(4);
    expect(await Item().countDocuments({ price: 20 })).toBe(2);
    expect((await Item().distinct('price')).sort()).toEqual([10, 20, 30]);
    expect((await Item().distinct('tags', { price: { $lte: 20 } })).sort()).toEqual(['a', 'b', 'c']);
  });

  it('iterates a cursor with a small batch size', async () => {
    const seen: string[] = [];
    for await (const doc of Item().find({}).sort({ name: 1 }).batchSize(1).cursor())
      seen.push(doc.name ?? '');
    expect(seen).toEqual(['Alpha', 'Gamma', 'beta', 'delta']);
    const eachSeen: string[] = [];
    await Item()
      .find({})
      .sort({ price: 1 })
      .cursor({ batchSize: 2 })
      .eachAsync((doc) => {
        eachSeen.push(doc.name ?? '');
      });
    expect(eachSeen).toHaveLength(4);
  });

  it('Model.exists returns the _id or null', async () => {
    const hit = await Item().exists({ name: 'beta' });
    expect(hit?._id).toBeDefined();
    expect(await Item().exists({ name: 'nope' })).toBeNull();
  });

  embeddedOnly('unknown operators and unsupported ones answer clear errors', async () => {
    await expect(Item().collection.findOne({ price: { $bogus: 1 } })).rejects.toMatchObject({ code: 2 });
    await expect(Item().collection.findOne({ $where: 'this.price > 1' })).rejects.toThrow(/\$where/);
    await expect(Item().collection.findOne({ $text: { $search: 'x' } })).rejects.toThrow(/text/);
  });
});
