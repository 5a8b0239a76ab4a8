import { Schema, type Connection } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

const mongo = useMongo('emb_agg');

const customerSchema = new Schema({ _id: String, name: String, country: String });
const orderSchema = new Schema({
  customer: String,
  total: Number,
  items: [{ _id: false, sku: String, qty: Number }],
});
function build(conn: Connection) {
  return { Customer: conn.model('Customer', customerSchema), Order: conn.model('Order', orderSchema) };
}
let cached: ReturnType<typeof build> | undefined;
const models = (): ReturnType<typeof build> => (cached ??= build(mongo.conn()));

describe('embedded mongo: aggregation', () => {
  beforeAll(async () => {
    const { Customer, Order } = models();
    await Customer.insertMany([
      { _id: 'c1', name: 'Ann', country: 'DE' },
      { _id: 'c2', name: 'Ben', country: 'FR' },
      { _id: 'c3', name: 'Cid', country: 'DE' },
    ]);
    await Order.insertMany([
      {
        customer: 'c1',
        total: 10,
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 2 },
        ],
      },
      { customer: 'c1', total: 30, items: [{ sku: 'a', qty: 3 }] },
      { customer: 'c2', total: 5, items: [{ sku: 'c', qty: 1 }] },
    ]);
  });

  it('groups, sorts and counts', async () => {
    const { Order } = models();
    const byCustomer = await Order.aggregate([
      { $group: { _id: '$customer', revenue: { $sum: '$total' }, orders: { $sum: 1 } } },
      { $sort: { revenue: -1 } },
    ]);
    expect(byCustomer).toEqual([
      { _id: 'c1', revenue: 40, orders: 2 },
      { _id: 'c2', revenue: 5, orders: 1 },
    ]);
    expect(await Order.aggregate([{ $match: { total: { $gte: 10 } } }, { $count: 'n' }])).toEqual([{ n: 2 }]);
  });

  it('unwinds arrays and looks up other collections', async () => {
    const { Order } = models();
    const qty = await Order.aggregate([
      { $unwind: '$items' },
      { $group: { _id: '$items.sku', qty: { $sum: '$items.qty' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(qty).toEqual([
      { _id: 'a', qty: 4 },
      { _id: 'b', qty: 2 },
      { _id: 'c', qty: 1 },
    ]);
    const joined = await Order.aggregate([
      { $match: { customer: 'c2' } },
      { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'who' } },
      { $unwind: '$who' },
      { $project: { _id: 0, name: '$who.name', total: 1 } },
    ]);
    expect(joined).toEqual([{ total: 5, name: 'Ben' }]);
  });

  it('runs $facet with sub-pipelines', async () => {
    const { Customer } = models();
    const [facets] = await Customer.aggregate([
      {
        $facet: {
          byCountry: [{ $group: { _id: '$country', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
          total: [{ $count: 'n' }],
        },
      },
    ]);
    expect(facets).toEqual({
      byCountry: [
        { _id: 'DE', n: 2 },
        { _id: 'FR', n: 1 },
      ],
      total: [{ n: 3 }],
    });
  });

  it('iterates a large aggregation cursor with getMore', async () => {
    const coll = mongo.conn().db!.collection('many');
    await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const out = await coll
      .aggregate([{ $match: { i: { $gte: 0 } } }, { $sort: { i: -1 } }], { batchSize: 7 })
      .toArray();
    expect(out.length).toBe(250);
    expect(out[0]?.i).toBe(249);
  });

  it('writes results with $out and $merge', async () => {
    const { Order } = models();
    await Order.aggregate([
      { $group: { _id: '$customer', revenue: { $sum: '$total' } } },
      { $out: 'revenue' },
    ]);
    const revenue = await mongo.conn().db!.collection('revenue').find().sort({ _id: 1 }).toArray();
    expect(revenue).toEqual([
      { _id: 'c1', revenue: 40 },
      { _id: 'c2', revenue: 5 },
    ]);
    await Order.aggregate([
      { $group: { _id: '$customer', orders: { $sum: 1 } } },
      { $merge: { into: 'revenue' } },
    ]);
    const merged = await mongo
      .conn()
      .db!.collection('revenue')
      .findOne({ _id: 'c1' as never });
    expect(merged).toEqual({ _id: 'c1', revenue: 40, orders: 2 });
  });
  it('projects before grouping and keeps later expression stages exact', async () => {
    const { Order } = models();
    const byCustomer = await Order.aggregate([
      { $match: { total: { $gte: 5 } } },
      { $project: { _id: 0, customer: 1, total: 1 } },
      {
        $group: {
          _id: '$customer',
          sum: { $sum: '$total' },
          keys: { $addToSet: { $objectToArray: '$$ROOT' } },
        },
      },
      { $sort: { _id: 1 } },
    ]);
    expect(byCustomer.map((g) => [g._id, g.sum])).toEqual([
      ['c1', 40],
      ['c2', 5],
    ]);
    // Only the projected fields reached the group stage.
    for (const g of byCustomer)
      for (const pairs of g.keys)
        expect(pairs.map((p: { k: string }) => p.k).sort()).toEqual(['customer', 'total']);
    const excluded = await Order.aggregate([
      { $match: { customer: 'c2' } },
      { $project: { items: 0 } },
      { $project: { customer: 1, double: { $multiply: ['$total', 2] } } },
    ]);
    expect(excluded).toHaveLength(1);
    expect(excluded[0]).toMatchObject({ customer: 'c2', double: 10 });
    expect(excluded[0].items).toBeUndefined();
  });
});
