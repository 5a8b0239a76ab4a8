import mongoose, { Schema, Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

const mongo = useMongo('emb_types');
// The driver's own bson classes: instanceof must compare against the copy it deserializes with.
const { Decimal128, Double, Int32, Long } = mongoose.mongo;

describe('embedded mongo: BSON number types', () => {
  it('round-trips int32, int64, double and Decimal128 exactly', async () => {
    const coll = mongo.conn().db!.collection('numbers');
    const big = Long.fromString('9007199254740993');
    await coll.insertOne({
      _id: 'n' as never,
      i: new Int32(42),
      l: big,
      small: Long.fromNumber(7),
      d: new Double(2),
      f: 2.5,
      m: Decimal128.fromString('19.99'),
    });
    const raw = await coll.findOne({ _id: 'n' as never }, { promoteValues: false, promoteLongs: false });
    expect(raw?.i).toBeInstanceOf(Int32);
    expect(raw?.l).toBeInstanceOf(Long);
    expect((raw?.l as InstanceType<typeof Long>).toString()).toBe('9007199254740993');
    expect(raw?.small).toBeInstanceOf(Long);
    expect(raw?.d).toBeInstanceOf(Double);
    expect(raw?.f).toBeInstanceOf(Double);
    expect(raw?.m).toBeInstanceOf(Decimal128);
    expect(String(raw?.m)).toBe('19.99');

    expect(await coll.countDocuments({ d: { $type: 'double' } })).toBe(1);
    expect(await coll.countDocuments({ i: { $type: 'int' } })).toBe(1);
    expect(await coll.countDocuments({ l: { $type: 'long' } })).toBe(1);
    expect(await coll.countDocuments({ m: { $type: 'decimal' } })).toBe(1);
  });

  it('compares numbers across types in queries and sorts', async () => {
    const coll = mongo.conn().db!.collection('mixed');
    await coll.insertMany([
      { k: 'long', v: Long.fromNumber(10) },
      { k: 'int', v: 2 },
      { k: 'double', v: 3.5 },
      { k: 'decimal', v: Decimal128.fromString('100.5') },
      { k: 'string', v: '1' },
    ]);
    expect(await coll.countDocuments({ v: 10 })).toBe(1);
    expect(await coll.countDocuments({ v: { $gt: 3 } })).toBe(3);
    expect(await coll.countDocuments({ v: { $gt: Long.fromNumber(3) } })).toBe(3);
    const sorted = await coll.find().sort({ v: 1 }).toArray();
    expect(sorted.map((d) => d.k)).toEqual(['int', 'double', 'long', 'decimal', 'string']);
    await coll.updateOne({ k: 'long' }, { $inc: { v: 5 } });
    const l = await coll.findOne({ k: 'long' }, { promoteLongs: false });
    expect(l?.v).toBeInstanceOf(Long);
    expect(String(l?.v)).toBe('15');
  });

  it('keeps mongoose BigInt, Decimal128, Int32 and Double paths', async () => {
    const conn = mongo.conn();
    const Price = conn.model(
      'Price',
      new Schema({
        amount: Schema.Types.Decimal128,
        views: Schema.Types.BigInt,
        qty: Schema.Types.Int32,
        weight: Schema.Types.Double,
        when: Date,
        ref: Schema.Types.ObjectId,
      }),
    );
    const ref = new Types.ObjectId();
    const when = new Date('2024-05-01T10:00:00.123Z');
    await Price.create({ amount: '12.30', views: 12345678901234567n, qty: 3, weight: 1, when, ref });
    const doc = await Price.findOne({ ref }).lean();
    expect(String(doc?.amount)).toBe('12.30');
    expect(BigInt(String(doc?.views))).toBe(12345678901234567n);
    expect(doc?.qty).toBe(3);
    expect(Number(doc?.weight)).toBe(1);
    expect(doc?.when?.toISOString()).toBe(when.toISOString());
    expect(await Price.countDocuments({ when: { $gte: new Date('2024-05-01') } })).toBe(1);
    const raw = await conn.db!.collection('prices').findOne({}, { promoteValues: false });
    expect(raw?.weight).toBeInstanceOf(Double);
    expect(raw?.qty).toBeInstanceOf(Int32);
  });
});
