import { Schema, Types, type Connection } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

const mongo = useMongo('emb_crud');

interface Product {
  sku: string;
  name: string;
  price: number;
  tags: string[];
  stock?: number;
  variants?: Array<{ size: string; qty: number }>;
}

const productSchema = new Schema<Product>({
  sku: { type: String, required: true },
  name: String,
  price: Number,
  tags: [String],
  stock: Number,
  variants: [{ _id: false, size: String, qty: Number }],
});
const orderSchema = new Schema({ product: { type: Schema.Types.ObjectId, ref: 'Product' }, qty: Number });

function build(conn: Connection) {
  return { Product: conn.model<Product>('Product', productSchema), Order: conn.model('Order', orderSchema) };
}
let cached: ReturnType<typeof build> | undefined;
const models = (): ReturnType<typeof build> => (cached ??= build(mongo.conn()));

describe('embedded mongo: CRUD through mongoose', () => {
  beforeAll(async () => {
    const { Product } = models();
    await Product.create({
      sku: 'a',
      name: 'Apple',
      price: 3,
      tags: ['fruit', 'red'],
      variants: [{ size: 'S', qty: 1 }],
    });
    await Product.insertMany([
      {
        sku: 'b',
        name: 'Banana',
        price: 1,
        tags: ['fruit'],
        variants: [
          { size: 'M', qty: 5 },
          { size: 'L', qty: 0 },
        ],
      },
      { sku: 'c', name: 'Carrot', price: 2, tags: ['veg'] },
    ]);
    const doc = new Product({ sku: 'd', name: 'Date', price: 5, tags: ['fruit', 'dried'] });
    await doc.save();
  });

  it('generates ObjectId _ids and keeps insertion order by default', async () => {
    const { Product } = models();
    const all = await Product.find().lean();
    expect(all.map((p) => p.sku)).toEqual(['a', 'b', 'c', 'd']);
    expect(all[0]?._id).toBeInstanceOf(Types.ObjectId);
  });

  it('finds with sort, skip, limit and projection', async () => {
    const { Product } = models();
    const page = await Product.find({}, { name: 1, price: 1, _id: 0 })
      .sort({ price: -1 })
      .skip(1)
      .limit(2)
      .lean();
    expect(page).toEqual([
      { name: 'Apple', price: 3 },
      { name: 'Carrot', price: 2 },
    ]);
    const excluded = await Product.findOne({ sku: 'a' }, { tags: 0, variants: 0 }).lean();
    expect(Object.keys(excluded ?? {}).sort()).toEqual(['__v', '_id', 'name', 'price', 'sku']);
  });

  it('matches array fields, operators and regexes', async () => {
    const { Product } = models();
    expect(await Product.countDocuments({ tags: 'fruit' })).toBe(3);
    expect(await Product.countDocuments({ tags: { $all: ['fruit', 'red'] } })).toBe(1);
    expect(await Product.countDocuments({ price: { $gte: 2, $lt: 5 } })).toBe(2);
    expect(await Product.countDocuments({ name: /^b/i })).toBe(1);
    expect(await Product.countDocuments({ $or: [{ sku: 'a' }, { price: 5 }] })).toBe(2);
    expect(await Product.countDocuments({ stock: { $exists: false } })).toBe(4);
    expect(await Product.countDocuments({ variants: { $elemMatch: { size: 'L', qty: 0 } } })).toBe(1);
    expect(await Product.countDocuments({ sku: { $in: ['a', 'c', 'zz'] } })).toBe(2);
  });

  it('iterates a cursor with getMore when the batch size is small', async () => {
    const { Product } = models();
    const skus: string[] = [];
    for await (const p of Product.find().sort({ sku: 1 }).batchSize(1).cursor()) skus.push(p.sku);
    expect(skus).toEqual(['a', 'b', 'c', 'd']);
    const raw = mongo.conn().db!.collection('products');
    const cursor = raw.find({}, { batchSize: 2 });
    expect((await cursor.toArray()).length).toBe(4);
  });

  it('populates references', async () => {
    const { Product, Order } = models();
    const apple = await Product.findOne({ sku: 'a' });
    await Order.create({ product: apple?._id, qty: 2 });
    const order = await Order.findOne().populate<{ product: Product }>('product').lean();
    expect(order?.product.name).toBe('Apple');
  });

  it('updates one and many, with upsert and update counts', async () => {
    const { Product } = models();
    const one = await Product.updateOne({ sku: 'a' }, { $inc: { price: 1 }, $set: { stock: 10 } });
    expect(one).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    const many = await Product.updateMany({ tags: 'fruit' }, { $push: { tags: 'sweet' } });
    expect(many).toMatchObject({ matchedCount: 3, modifiedCount: 3 });
    const same = await Product.updateOne({ sku: 'a' }, { $set: { stock: 10 } });
    expect(same).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    const up = await Product.updateOne(
      { sku: 'e' },
      { $set: { name: 'Egg' }, $setOnInsert: { price: 7 } },
      { upsert: true },
    );
    expect(up.upsertedCount).toBe(1);
    expect(up.upsertedId).toBeInstanceOf(Types.ObjectId);
    const egg = await Product.findOne({ sku: 'e' }).lean();
    expect(egg).toMatchObject({ sku: 'e', name: 'Egg', price: 7 });
    await Product.updateOne(
      { sku: 'e' },
      { $set: { name: 'Eggs' }, $setOnInsert: { price: 99 } },
      { upsert: true },
    );
    expect((await Product.findOne({ sku: 'e' }).lean())?.price).toBe(7);
  });

  it('findOneAndUpdate returns before or after, and upserts', async () => {
    const { Product } = models();
    const before = await Product.findOneAndUpdate({ sku: 'c' }, { $set: { price: 20 } }).lean();
    expect(before?.price).toBe(2);
    const after = await Product.findOneAndUpdate(
      { sku: 'c' },
      { $inc: { price: 1 } },
      { returnDocument: 'after' },
    ).lean();
    expect(after?.price).toBe(21);
    const created = await Product.findOneAndUpdate(
      { sku: 'f' },
      { $set: { name: 'Fig' } },
      { upsert: true, returnDocument: 'after', projection: { sku: 1, name: 1 } },
    ).lean();
    expect(created).toMatchObject({ sku: 'f', name: 'Fig' });
    expect(created).not.toHaveProperty('price');
    const deleted = await Product.findOneAndDelete({ sku: 'f' }).lean();
    expect(deleted?.name).toBe('Fig');
    const cheapest = await Product.findOneAndUpdate(
      {},
      { $set: { cheapest: true } },
      { sort: { price: 1 }, strict: false },
    ).lean();
    expect(cheapest?.sku).toBe('b');
  });

  it('applies positional and arrayFilters updates', async () => {
    const { Product } = models();
    await Product.updateOne({ sku: 'b', 'variants.size': 'L' }, { $set: { 'variants.$.qty': 9 } });
    await Product.updateOne(
      { sku: 'b' },
      { $inc: { 'variants.$[v].qty': 100 } },
      { arrayFilters: [{ 'v.qty': { $gte: 5 } }] },
    );
    const b = await Product.findOne({ sku: 'b' }).lean();
    expect(b?.variants).toEqual([
      { size: 'M', qty: 105 },
      { size: 'L', qty: 109 },
    ]);
    await Product.updateOne({ sku: 'b' }, { $set: { 'tags.$[]': 'x' } });
    expect((await Product.findOne({ sku: 'b' }).lean())?.tags.every((t: string) => t === 'x')).toBe(true);
  });

  it('replaces documents and keeps the _id', async () => {
    const { Product } = models();
    const raw = mongo.conn().db!.collection('products');
    const before = await raw.findOne({ sku: 'd' });
    const res = await raw.replaceOne({ sku: 'd' }, { sku: 'd', name: 'Dates', price: 6 });
    expect(res.modifiedCount).toBe(1);
    const after = await Product.findOne({ sku: 'd' }).lean();
    expect(after?._id.equals(before?._id)).toBe(true);
    expect(after).not.toHaveProperty('tags.0');
  });

  it('runs bulkWrite with every operation type', async () => {
    const { Product } = models();
    const res = await Product.bulkWrite(
      [
        { insertOne: { document: { sku: 'g', name: 'Grape', price: 4, tags: [] } } },
        { updateOne: { filter: { sku: 'g' }, update: { $set: { price: 5 } } } },
        { updateMany: { filter: { sku: { $in: ['a', 'b'] } }, update: { $set: { onSale: true } } } },
        {
          replaceOne: {
            filter: { sku: 'c' },
            replacement: { sku: 'c', name: 'Carrots', price: 2, tags: [] },
          },
        },
        { updateOne: { filter: { sku: 'h' }, update: { $set: { name: 'Honey' } }, upsert: true } },
        { deleteOne: { filter: { sku: 'g' } } },
        { deleteMany: { filter: { sku: { $in: ['e', 'h'] } } } },
      ],
      { strict: false },
    );
    expect(res.insertedCount).toBe(1);
    expect(res.matchedCount).toBe(4);
    expect(res.modifiedCount).toBe(4);
    expect(res.upsertedCount).toBe(1);
    expect(res.deletedCount).toBe(3);
  });

  it('counts and lists distinct values (arrays flattened)', async () => {
    const { Product } = models();
    await Product.create({ sku: 'z', name: 'Zucchini', price: 3, tags: ['veg', 'green'] });
    expect(await Product.countDocuments({ price: 3 })).toBe(1);
    expect(await Product.estimatedDocumentCount()).toBe(5);
    const tags = await Product.distinct('tags', { sku: { $in: ['a', 'z'] } });
    expect([...tags].sort()).toEqual(['fruit', 'green', 'red', 'sweet', 'veg']);
  });

  it('deletes one and many', async () => {
    const { Product } = models();
    expect((await Product.deleteOne({ tags: 'veg' })).deletedCount).toBe(1);
    expect((await Product.deleteMany({ price: { $gt: 1000 } })).deletedCount).toBe(0);
    expect((await Product.deleteMany({})).deletedCount).toBe(4);
    expect(await Product.countDocuments()).toBe(0);
  });
});
