import { Schema, type Connection } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddedOnly, useMongo } from './setup.js';

/** Aggregation stages through `Model.aggregate()`, with MongoDB's results. */
const mongo = useMongo('emb_aggregate_api');

const saleSchema = new Schema({ shop: String, item: String, qty: Number, price: Number, tags: [String] });
const shopSchema = new Schema({ _id: String, city: String });

function build(conn: Connection) {
  return { Sale: conn.model('Sale', saleSchema), Shop: conn.model('Shop', shopSchema) };
}
let cached: ReturnType<typeof build> | undefined;
const models = (): ReturnType<typeof build> => (cached ??= build(mongo.conn()));

describe('embedded mongo: aggregation through mongoose', () => {
  beforeAll(async () => {
    const { Sale, Shop } = models();
    await Shop.insertMany([
      { _id: 'n', city: 'Oslo' },
      { _id: 's', city: 'Rome' },
    ]);
    await Sale.insertMany([
      { shop: 'n', item: 'pen', qty: 2, price: 1.5, tags: ['office', 'cheap'] },
      { shop: 'n', item: 'ink', qty: 1, price: 8, tags: ['office'] },
      { shop: 's', item: 'pen', qty: 5, price: 1.5, tags: [] },
      { shop: 's', item: 'pad', qty: 3, price: 4 },
      { shop: 'x', item: 'pen', qty: 1, price: 2, tags: ['cheap'] },
    ]);
  });

  it('$match, $group with every common accumulator, $sort', async () => {
    const out = await models()
      .Sale.aggregate<{ _id: string; n: number; qty: number; avg: number; lo: number; hi: number }>([
        { $match: { qty: { $gte: 1 } } },
        { $sort: { qty: 1 } },
        {
          $group: {
            _id: '$item',
            n: { $sum: 1 },
            qty: { $sum: '$qty' },
            avg: { $avg: '$price' },
            lo: { $min: '$qty' },
            hi: { $max: '$qty' },
            shops: { $push: '$shop' },
            uniq: { $addToSet: '$price' },
            first: { $first: '$shop' },
            last: { $last: '$shop' },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .exec();
    expect(out.map((g) => g._id)).toEqual(['ink', 'pad', 'pen']);
    expect(out[2]).toMatchObject({
      n: 3,
      qty: 8,
      lo: 1,
      hi: 5,
      shops: ['x', 'n', 's'],
      first: 'x',
      last: 's',
    });
    expect(out[2]?.avg).toBeCloseTo(5 / 3);
    expect(((out[2] as unknown as { uniq: number[] }).uniq ?? []).sort()).toEqual([1.5, 2]);
  });

  it('$project, $addFields, $set and $unset', async () => {
    const out = await models().Sale.aggregate([
      { $match: { item: 'ink' } },
      { $project: { _id: 0, item: 1, qty: 1, price: 1 } },
      { $addFields: { total: { $multiply: ['$qty', '$price'] } } },
      { $set: { upper: { $toUpper: '$item' } } },
      { $unset: 'price' },
    ]);
    expect(out).toEqual([{ item: 'ink', qty: 1, total: 8, upper: 'INK' }]);
  });

  it('$unwind with includeArrayIndex and preserveNullAndEmptyArrays', async () => {
    const plain = await models().Sale.aggregate([{ $unwind: '$tags' }, { $count: 'n' }]);
    expect(plain).toEqual([{ n: 4 }]);
    const kept = await models().Sale.aggregate([
      { $unwind: { path: '$tags', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true } },
      { $match: { shop: 's' } },
      { $project: { _id: 0, item: 1, tags: 1, i: 1 } },
      { $sort: { item: 1 } },
    ]);
    expect(kept).toEqual([
      { item: 'pad', i: null },
      { item: 'pen', i: null },
    ]);
  });

  it('$lookup with localField/foreignField and with a pipeline', async () => {
    const simple = await models().Sale.aggregate([
      { $match: { item: 'ink' } },
      { $lookup: { from: 'shops', localField: 'shop', foreignField: '_id', as: 'shopDoc' } },
    ]);
    expect(simple[0].shopDoc).toEqual([{ _id: 'n', city: 'Oslo', __v: 0 }]);
    const piped = await models().Shop.aggregate([
      {
        $lookup: {
          from: 'sales',
          let: { sid: '$_id' },
          pipeline: [
            { $match: { $expr: { $eq: ['$shop', '$$sid'] } } },
            { $group: { _id: null, q: { $sum: '$qty' } } },
          ],
          as: 'totals',
        },
      },
      { $project: { q: { $first: '$totals.q' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(piped).toEqual([
      { _id: 'n', q: 3 },
      { _id: 's', q: 8 },
    ]);
  });

  it('$facet, $sortByCount, $bucket and $replaceRoot', async () => {
    const [facets] = await models().Sale.aggregate([
      {
        $facet: {
          byItem: [{ $sortByCount: '$item' }, { $limit: 1 }],
          buckets: [
            {
              $bucket: {
                groupBy: '$qty',
                boundaries: [0, 2, 10],
                default: 'other',
                output: { n: { $sum: 1 } },
              },
            },
          ],
          count: [{ $count: 'n' }],
        },
      },
    ]);
    expect(facets.byItem).toEqual([{ _id: 'pen', count: 3 }]);
    expect(facets.buckets).toEqual([
      { _id: 0, n: 2 },
      { _id: 2, n: 3 },
    ]);
    expect(facets.count).toEqual([{ n: 5 }]);
    const roots = await models().Sale.aggregate([
      { $match: { item: 'pad' } },
      { $replaceRoot: { newRoot: { what: '$item', where: '$shop' } } },
    ]);
    expect(roots).toEqual([{ what: 'pad', where: 's' }]);
  });

  it('$bucket puts boundary values in the bucket they open, and needs a default for strays', async () => {
    const out = await models().Sale.aggregate([
      {
        $bucket: {
          groupBy: '$price',
          boundaries: [1.5, 2, 8],
          default: 'rest',
          output: { items: { $push: '$item' } },
        },
      },
    ]);
    expect(out).toEqual([
      { _id: 1.5, items: ['pen', 'pen'] },
      { _id: 2, items: ['pad', 'pen'] },
      { _id: 'rest', items: ['ink'] },
    ]);
    await expect(
      models().Sale.aggregate([{ $bucket: { groupBy: '$price', boundaries: [0, 5] } }]),
    ).rejects.toMatchObject({ code: 40066 });
  });

  it('$skip, $limit and $sample', async () => {
    const page = await models().Sale.aggregate([
      { $sort: { qty: -1, item: 1 } },
      { $skip: 1 },
      { $limit: 2 },
    ]);
    expect(page.map((d) => d.qty)).toEqual([3, 2]);
    const sample = await models().Sale.aggregate([{ $sample: { size: 2 } }]);
    expect(sample).toHaveLength(2);
    expect(new Set(sample.map((d) => String(d._id))).size).toBe(2);
    // Without replacement: asking for more than there is returns each document once.
    for (let i = 0; i < 5; i++) {
      const all = await models().Sale.aggregate([{ $sample: { size: 50 } }]);
      expect(new Set(all.map((d) => String(d._id))).size).toBe(5);
      expect(all).toHaveLength(5);
    }
  });

  it('$out and $merge write to another collection', async () => {
    const { Sale } = models();
    await Sale.aggregate([{ $group: { _id: '$shop', qty: { $sum: '$qty' } } }, { $out: 'shop_totals' }]);
    const coll = mongo.conn().collection('shop_totals');
    expect(await coll.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'n', qty: 3 },
      { _id: 's', qty: 8 },
      { _id: 'x', qty: 1 },
    ]);
    await Sale.aggregate([
      { $match: { shop: 'x' } },
      { $group: { _id: '$shop', extra: { $sum: 1 } } },
      { $merge: { into: 'shop_totals', whenMatched: 'merge' } },
    ]);
    expect(await coll.findOne({ _id: 'x' as never })).toEqual({ _id: 'x', qty: 1, extra: 1 });
  });

  embeddedOnly('unsupported and unknown stages answer clear errors', async () => {
    await expect(models().Sale.aggregate([{ $graphLookup: {} } as never])).rejects.toMatchObject({
      code: 115,
    });
    await expect(models().Sale.aggregate([{ $nope: {} } as never])).rejects.toMatchObject({ code: 40324 });
    await expect(models().Sale.aggregate([{ $out: 'x' }, { $match: {} }] as never)).rejects.toMatchObject({
      code: 40601,
    });
  });

  it('aggregate cursor iterates in batches', async () => {
    const seen: number[] = [];
    for await (const doc of models()
      .Sale.aggregate([{ $sort: { qty: 1 } }])
      .cursor({ batchSize: 2 })) {
      seen.push(doc.qty as number);
    }
    expect(seen).toEqual([1, 1, 2, 3, 5]);
  });
});
