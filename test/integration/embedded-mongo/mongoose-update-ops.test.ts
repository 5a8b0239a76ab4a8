import { Schema, type Connection } from 'mongoose';
import { beforeEach, describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

/** Update operators through mongoose's public API, with the results MongoDB gives. */
const mongo = useMongo('emb_update_ops');

const lineSchema = new Schema({ sku: String, qty: Number, tags: [String] });
const cartSchema = new Schema({
  name: String,
  n: Number,
  hi: Number,
  lo: Number,
  scores: [Number],
  tags: [String],
  lines: [lineSchema],
  meta: { a: Number, b: String, deep: { c: Number } },
  touched: Date,
  old: String,
});

function build(conn: Connection) {
  return conn.model('Cart', cartSchema);
}
let cached: ReturnType<typeof build> | undefined;
const Cart = (): ReturnType<typeof build> => (cached ??= build(mongo.conn()));

async function fresh(doc: Record<string, unknown>) {
  const created = await Cart().create(doc);
  return created._id;
}
const get = async (id: unknown) => Cart().findById(id).lean().orFail();

describe('embedded mongo: update operators through mongoose', () => {
  beforeEach(async () => {
    await Cart().deleteMany({});
  });

  it('$inc, $mul, $min, $max on existing and missing fields', async () => {
    const id = await fresh({ n: 5, hi: 10, lo: 3 });
    await Cart().updateOne(
      { _id: id },
      { $inc: { n: 2 }, $mul: { hi: 1.5 }, $min: { lo: 1 }, $max: { 'meta.a': 7 } },
    );
    const doc = await get(id);
    expect(doc).toMatchObject({ n: 7, hi: 15, lo: 1, meta: { a: 7 } });
    await Cart().updateOne({ _id: id }, { $min: { lo: 5 }, $max: { hi: 2 } });
    expect(await get(id)).toMatchObject({ lo: 1, hi: 15 });
  });

  it('$rename and $unset, including nested paths', async () => {
    const id = await fresh({ old: 'x', meta: { a: 1, b: 'y', deep: { c: 2 } } });
    const res = await Cart().updateOne(
      { _id: id },
      { $rename: { old: 'name' }, $unset: { 'meta.b': '' } },
      { strict: false },
    );
    expect(res.modifiedCount).toBe(1);
    const doc = await get(id);
    expect(doc.name).toBe('x');
    expect(doc).not.toHaveProperty('old');
    expect(doc.meta).toEqual({ a: 1, deep: { c: 2 } });
  });

  it('$currentDate sets a server date', async () => {
    const before = Date.now() - 1000;
    const id = await fresh({ name: 'd' });
    await Cart().updateOne({ _id: id }, { $currentDate: { touched: true } });
    const doc = await get(id);
    expect(doc.touched).toBeInstanceOf(Date);
    expect((doc.touched as Date).getTime()).toBeGreaterThanOrEqual(before);
  });

  it('$push with $each, $position, $slice and $sort', async () => {
    const id = await fresh({ scores: [5, 1] });
    await Cart().updateOne({ _id: id }, { $push: { scores: { $each: [9, 3], $position: 0 } } });
    expect((await get(id)).scores).toEqual([9, 3, 5, 1]);
    await Cart().updateOne({ _id: id }, { $push: { scores: { $each: [4], $sort: -1, $slice: 3 } } });
    expect((await get(id)).scores).toEqual([9, 5, 4]);
    await Cart().updateOne({ _id: id }, { $push: { scores: { $each: [], $slice: -2 } } });
    expect((await get(id)).scores).toEqual([5, 4]);
  });

  it('$push of subdocuments sorted by a field', async () => {
    const id = await fresh({ lines: [{ sku: 'b', qty: 2 }] });
    await Cart().updateOne(
      { _id: id },
      {
        $push: {
          lines: {
            $each: [
              { sku: 'a', qty: 5 },
              { sku: 'c', qty: 1 },
            ],
            $sort: { qty: 1 },
          },
        },
      },
    );
    const doc = await get(id);
    expect(doc.lines.map((l) => l.sku)).toEqual(['c', 'b', 'a']);
    expect(doc.lines.every((l) => l._id)).toBe(true);
  });

  it('$push modifiers apply to a missing field too, with negative $position and multi-key $sort', async () => {
    const coll = Cart().collection;
    const id = await fresh({ name: 'p' });
    // Untyped on purpose: the driver's types narrow $sort/$slice literals.
    const update = (u: object) => coll.updateOne({ _id: id }, u as never);
    await update({ $push: { fresh: { $each: [3, 1, 2], $sort: 1, $slice: 2 } } });
    await update({ $push: { zero: { $each: [1, 2], $slice: 0 } } });
    await coll.updateOne({ _id: id }, { $set: { pos: [1, 2, 3] } });
    await update({ $push: { pos: { $each: [9], $position: -1 } } });
    await update({
      $push: {
        rows: {
          $each: [
            { a: 2, b: 1 },
            { a: 1, b: 5 },
            { a: 2, b: 0 },
          ],
          $sort: { a: -1, b: 1 },
        },
      },
    });
    const doc = await coll.findOne({ _id: id });
    expect(doc?.fresh).toEqual([1, 2]);
    expect(doc?.zero).toEqual([]);
    expect(doc?.pos).toEqual([1, 2, 9, 3]);
    expect(doc?.rows).toEqual([
      { a: 2, b: 0 },
      { a: 2, b: 1 },
      { a: 1, b: 5 },
    ]);
    await expect(
      coll.updateOne({ _id: id }, { $push: { pos: { $each: 5 } } } as never),
    ).rejects.toMatchObject({
      code: 2,
    });
  });

  it('arrayFilters must match the identifiers the update uses', async () => {
    const coll = Cart().collection;
    const id = await fresh({ lines: [{ sku: 'a', qty: 1 }] });
    await expect(coll.updateOne({ _id: id }, { $set: { 'lines.$[q].qty': 2 } })).rejects.toThrow(
      /No array filter found for identifier 'q'/,
    );
    await expect(
      coll.updateOne({ _id: id }, { $set: { name: 'x' } }, { arrayFilters: [{ 'e.qty': 1 }] }),
    ).rejects.toMatchObject({ code: 9 });
    expect((await get(id)).name).toBeUndefined();
  });

  it('$addToSet with and without $each does not duplicate', async () => {
    const id = await fresh({ tags: ['a'] });
    await Cart().updateOne({ _id: id }, { $addToSet: { tags: 'a' } });
    await Cart().updateOne({ _id: id }, { $addToSet: { tags: { $each: ['b', 'a', 'b', 'c'] } } });
    expect((await get(id)).tags).toEqual(['a', 'b', 'c']);
  });

  it('$pull by value, by condition and by subdocument match; $pullAll; $pop', async () => {
    const id = await fresh({
      scores: [1, 5, 8, 5, 2],
      tags: ['a', 'b', 'c', 'b'],
      lines: [
        { sku: 'a', qty: 0 },
        { sku: 'b', qty: 2 },
      ],
    });
    await Cart().updateOne(
      { _id: id },
      { $pull: { scores: { $gte: 5 }, lines: { qty: 0 } }, $pullAll: { tags: ['b'] } },
    );
    let doc = await get(id);
    expect(doc.scores).toEqual([1, 2]);
    expect(doc.tags).toEqual(['a', 'c']);
    expect(doc.lines.map((l) => l.sku)).toEqual(['b']);
    await Cart().updateOne({ _id: id }, { $pop: { scores: 1, tags: -1 } });
    doc = await get(id);
    expect(doc.scores).toEqual([1]);
    expect(doc.tags).toEqual(['c']);
  });

  it('positional $ updates the first matched element', async () => {
    const id = await fresh({
      lines: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 1 },
      ],
    });
    await Cart().updateOne({ _id: id, 'lines.sku': 'b' }, { $inc: { 'lines.$.qty': 4 } });
    expect((await get(id)).lines.map((l) => l.qty)).toEqual([1, 5]);
    await Cart().updateOne({ _id: id }, { $set: { scores: [3, 7, 3] } });
    await Cart().updateOne({ _id: id, scores: 3 }, { $set: { 'scores.$': 4 } });
    expect((await get(id)).scores).toEqual([4, 7, 3]);
  });

  it('$[] updates all elements and $[<id>] only those matching arrayFilters', async () => {
    const id = await fresh({
      scores: [1, 2, 3],
      lines: [
        { sku: 'a', qty: 1, tags: ['x'] },
        { sku: 'b', qty: 10, tags: ['y'] },
      ],
    });
    await Cart().updateOne({ _id: id }, { $inc: { 'scores.$[]': 10 } });
    expect((await get(id)).scores).toEqual([11, 12, 13]);
    await Cart().updateOne(
      { _id: id },
      { $set: { 'lines.$[big].sku': 'B' } },
      { arrayFilters: [{ 'big.qty': { $gt: 5 } }] },
    );
    await Cart().updateOne({ _id: id }, { $push: { 'lines.$[].tags': 'z' } });
    const doc = await get(id);
    expect(doc.lines.map((l) => l.sku)).toEqual(['a', 'B']);
    expect(doc.lines.map((l) => l.tags)).toEqual([
      ['x', 'z'],
      ['y', 'z'],
    ]);
  });

  it('updateMany reports matched and modified counts', async () => {
    await Cart().insertMany([{ n: 1 }, { n: 1 }, { n: 2 }]);
    const res = await Cart().updateMany({ n: 1 }, { $set: { name: 'one' } });
    expect(res).toMatchObject({ acknowledged: true, matchedCount: 2, modifiedCount: 2, upsertedCount: 0 });
    const again = await Cart().updateMany({ n: 1 }, { $set: { name: 'one' } });
    expect(again).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
  });

  it('an upsert applies the update to the seed even when the filter has operators', async () => {
    const res = await Cart().updateOne(
      { n: { $gt: 5 }, name: 'seed' },
      { $set: { hi: 1 }, $inc: { lo: 2 }, $setOnInsert: { tags: ['new'] } },
      { upsert: true },
    );
    expect(res.upsertedCount).toBe(1);
    const doc = await Cart().findById(res.upsertedId).lean().orFail();
    expect(doc).toMatchObject({ name: 'seed', hi: 1, lo: 2, tags: ['new'] });
    expect(doc).not.toHaveProperty('n');
  });

  it('applies every operator even when $inc changes a field the filter matched on', async () => {
    // mongoose's versioned save sends exactly this shape: {_id, __v: 0} with $set and $inc of __v.
    const id = await fresh({ n: 1, name: 'before' });
    const res = await Cart().updateOne(
      { _id: id, n: 1 },
      { $inc: { n: 1 }, $set: { name: 'after' }, $push: { tags: 't' } },
    );
    expect(res.modifiedCount).toBe(1);
    expect(await get(id)).toMatchObject({ n: 2, name: 'after', tags: ['t'] });
  });

  it('rejects conflicting paths and non-numeric $inc like MongoDB', async () => {
    const id = await fresh({ name: 'x', n: 1 });
    await expect(
      Cart().collection.updateOne({ _id: id }, { $set: { meta: { a: 1 } }, $inc: { 'meta.a': 1 } }),
    ).rejects.toMatchObject({ code: 40 });
    await expect(Cart().collection.updateOne({ _id: id }, { $inc: { name: 1 } })).rejects.toMatchObject({
      code: 14,
    });
    await expect(Cart().collection.updateOne({ _id: id }, { $bogus: { n: 1 } })).rejects.toMatchObject({
      code: 9,
    });
  });

  it('positional $ without the array in the filter is an error, not a silent no-op', async () => {
    const id = await fresh({ lines: [{ sku: 'a', qty: 1 }] });
    await expect(
      Cart().collection.updateOne({ _id: id }, { $set: { 'lines.$.qty': 2 } }),
    ).rejects.toMatchObject({ code: 2 });
    expect((await get(id)).lines[0]?.qty).toBe(1);
  });

  it('pipeline-style updates with $set and $unset', async () => {
    const id = await fresh({ n: 2, hi: 3, old: 'gone' });
    await Cart().updateOne({ _id: id }, [{ $set: { lo: { $add: ['$n', '$hi'] } } }, { $unset: 'old' }], {
      updatePipeline: true,
    } as never);
    const doc = await get(id);
    expect(doc.lo).toBe(5);
    expect(doc).not.toHaveProperty('old');
  });
});
