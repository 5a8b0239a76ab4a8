import { Decimal128, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

const mongo = useMongo('emb_in_lists');

/** Long `$in` lists are matched by hash; these cases must answer exactly as a scan would. */
describe('embedded mongo: long $in lists', () => {
  it('matches ids, numbers across types, dates, strings and array elements', async () => {
    const coll = mongo.conn().db!.collection('in_lists');
    const ids = Array.from({ length: 40 }, () => new ObjectId());
    const day = new Date('2026-01-01T00:00:00Z');
    await coll.insertMany([
      ...ids.map((_id, i) => ({ _id, n: i, tag: `t${i}`, at: new Date(day.getTime() + i * 1000) })),
      { _id: new ObjectId(), n: new Long(5), tag: 'long' },
      { _id: new ObjectId(), n: Decimal128.fromString('6.0'), tag: 'decimal' },
      { _id: new ObjectId(), n: 7.0, tags: ['x', 't3'], tag: 'array' },
      { _id: new ObjectId(), n: [100, 3], tag: 'numbers-array' },
      { _id: new ObjectId(), tag: 'missing-n' },
    ]);
    const byId = await coll.find({ _id: { $in: ids.slice(0, 20) } }).toArray();
    expect(byId.map((d) => d.n).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);

    const numbers = [5, 6, 3, 40, 41, 42, 43, 44, 45];
    const byNumber = await coll.find({ n: { $in: numbers } }, { projection: { _id: 0, tag: 1 } }).toArray();
    expect(byNumber.map((d) => d.tag).sort()).toEqual(
      ['decimal', 'long', 'numbers-array', 't3', 't5', 't6'].sort(),
    );

    const byTag = await coll.find({ tags: { $in: ['t3', 'a', 'b', 'c', 'd', 'e', 'f', 'g'] } }).toArray();
    expect(byTag.map((d) => d.tag)).toEqual(['array']);

    const dates = Array.from({ length: 10 }, (_, i) => new Date(day.getTime() + i * 2000));
    expect(await coll.countDocuments({ at: { $in: dates } })).toBe(10);

    // A string list does not match numbers, and strings compare under the collation.
    const strings = ['T1', 'T2', 't3', '5', 'x1', 'x2', 'x3', 'x4'];
    expect(await coll.countDocuments({ tag: { $in: strings } })).toBe(1);
    expect(
      await coll.countDocuments({ tag: { $in: strings } }, { collation: { locale: 'en', strength: 2 } }),
    ).toBe(3);
    expect(await coll.countDocuments({ n: { $in: strings } })).toBe(0);
  });
});
