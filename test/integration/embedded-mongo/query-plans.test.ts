import { ObjectId, type Collection, type Document, type Filter, type Sort } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

const mongo = useMongo('emb_plans');

/**
 * Every query runs against two collections holding the same documents in the same order: one
 * with indexes (prefix, multikey, sparse, partial, `_id`-compound) and one with none, which
 * the server can only scan. Index reads, top-k sorts and `_id` walks must give exactly the
 * scan's answer, order included.
 */
let indexed: Collection;
let plain: Collection;

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const customers = Array.from(
  { length: 12 },
  (_, i) => new ObjectId((0x64b0 + i).toString(16).padStart(24, '0')),
);
const base = new Date('2024-01-01T00:00:00Z').getTime();
const day = 86_400_000;

function makeDocs(): Document[] {
  const random = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const docs: Document[] = [];
  for (let i = 0; i < 400; i++) {
    const doc: Document = {
      customerId: pick(customers),
      at: new Date(base + Math.floor(random() * 30) * day),
      campaignKey: pick(['c1', 'c2', 'c3']),
      tags: pick([['red'], ['red', 'blue'], ['blue', 'green', 'blue'], [], 'red']),
      marketingConsent: random() < 0.6,
      rank: Math.floor(random() * 5),
    };
    if (random() < 0.3) doc.code = `k${i % 40}`;
    if (random() < 0.5) {
      doc.email = `e${i % 10}`;
      doc.active = random() < 0.5;
    }
    if (i % 50 === 0) delete doc.customerId;
    if (i % 77 === 0) doc.customerId = null;
    docs.push(doc);
  }
  return docs;
}

async function both<T>(run: (c: Collection) => Promise<T>): Promise<T> {
  const [a, b] = await Promise.all([run(indexed), run(plain)]);
  expect(a).toEqual(b);
  return a;
}

function find(filter: Filter<Document>, sort?: Sort, limit = 0, skip = 0): Promise<Document[]> {
  return both((c) => c.find(filter, { sort, limit, skip }).toArray());
}

beforeAll(async () => {
  const db = mongo.conn().db!;
  indexed = db.collection('indexed');
  plain = db.collection('plain');
  await indexed.createIndex({ customerId: 1, at: -1 });
  await indexed.createIndex({ customerId: 1, campaignKey: 1 });
  await indexed.createIndex({ tags: 1 });
  await indexed.createIndex({ code: 1 }, { sparse: true });
  await indexed.createIndex({ email: 1 }, { partialFilterExpression: { active: true } });
  await indexed.createIndex({ marketingConsent: 1, _id: 1 });
  const docs = makeDocs();
  // Same _ids in both collections, so results compare equal.
  for (const doc of docs) doc._id = new ObjectId();
  await indexed.insertMany(docs.map((d) => ({ ...d })));
  await plain.insertMany(docs.map((d) => ({ ...d })));
  // Writes after the indexes exist: moved keys, deletes, and an _id older than all others.
  for (const c of [indexed, plain]) {
    await c.updateMany({ rank: 3 }, { $set: { customerId: customers[0] } });
    await c.deleteMany({ rank: 4, campaignKey: 'c2' });
    await c.insertOne({
      _id: new ObjectId('000000000000000000000001'),
      customerId: customers[1],
      at: new Date(base),
      tags: ['red'],
      marketingConsent: true,
    });
  }
});

describe('embedded mongo: index reads give the scan answer', () => {
  it('uses a compound index by its leading field with extra range conditions', async () => {
    for (const customerId of customers.slice(0, 5)) {
      const since = new Date(base + 10 * day);
      await find({ customerId, at: { $gte: since } });
      await find({ customerId, at: { $gte: since } }, { at: -1 }, 5);
      await find({ customerId, at: { $gte: since } }, { at: -1 }, 2000);
      await find({ customerId, campaignKey: 'c2' });
      await find({ customerId, campaignKey: 'c2', rank: { $lt: 3 } }, { at: 1, rank: -1 }, 3, 1);
    }
    const hits = await find({ customerId: customers[0], at: { $lt: new Date(base + 20 * day) } });
    expect(hits.length).toBeGreaterThan(5);
  });

  it('reads $in on a leading field and multikey fields without duplicates', async () => {
    await find({ customerId: { $in: [customers[2], customers[3], customers[2]] } });
    await find(
      { customerId: { $in: [customers[2], customers[3]] }, at: { $gte: new Date(base + 5 * day) } },
      { at: 1 },
      4,
    );
    const red = await find({ tags: 'red' });
    expect(red.length).toBeGreaterThan(0);
    await find({ tags: { $in: ['red', 'blue'] } });
    await find({ tags: 'blue', at: { $lt: new Date(base + 15 * day) } }, { at: -1 }, 4);
    await find({ tags: { $in: ['blue', 'green'] } }, { tags: -1, at: 1 }, 10);
  });

  it('skips sparse and partial indexes where they miss documents, and null equalities', async () => {
    await find({ code: 'k3' });
    const missing = await find({ code: null });
    expect(missing.length).toBeGreaterThan(100);
    await find({ code: { $in: ['k1', 'k2', 'k5'] } }, { at: 1 }, 3);
    // The partial index holds only active documents: a query not limited to them must scan.
    const all = await find({ email: 'e1' });
    expect(all.some((d) => d.active !== true)).toBe(true);
    await find({ email: 'e1', active: true });
    await find({ email: 'e1', active: false });
    const nulls = await find({ customerId: null });
    expect(nulls.some((d) => !('customerId' in d))).toBe(true);
    expect(nulls.some((d) => d.customerId === null)).toBe(true);
    await find({ customerId: null, at: { $gte: new Date(base) } }, { at: -1 }, 3);
  });

  it('keeps top-k sorts with limits equal to a full sort, ties in natural order', async () => {
    const natural = await find({ marketingConsent: true });
    // A missing rank sorts first, as null does.
    const rank = (d: Document): number => (d.rank as number | undefined) ?? -1;
    const byRank = [...natural].sort((a, b) => rank(a) - rank(b));
    expect(await find({ marketingConsent: true }, { rank: 1 }, 9)).toEqual(byRank.slice(0, 9));
    for (const limit of [1, 3, 17, 500]) {
      await find({}, { rank: 1 }, limit);
      await find({ marketingConsent: true }, { rank: -1, campaignKey: 1 }, limit, 2);
      const full = await find({ marketingConsent: true }, { rank: -1, campaignKey: 1 });
      const top = await find({ marketingConsent: true }, { rank: -1, campaignKey: 1 }, limit, 2);
      expect(top).toEqual(full.slice(2, 2 + limit));
    }
  });

  it('pages by _id forwards and backwards, with and without another field', async () => {
    // Both collections walk `_id` order here, so the oracle is the unsorted scan sorted in JS.
    const hex = (d: Document): string => String(d._id);
    const ids = (docs: Document[]): string[] => docs.map(hex);
    for (const filter of [{}, { marketingConsent: true }, { customerId: customers[4] }]) {
      const all = (await find(filter)).sort((a, b) => (hex(a) < hex(b) ? -1 : 1));
      const seen: Document[] = [];
      let last: ObjectId | undefined;
      for (;;) {
        const page = await find(last ? { ...filter, _id: { $gt: last } } : filter, { _id: 1 }, 7);
        if (page.length === 0) break;
        seen.push(...page);
        last = page[page.length - 1]?._id as ObjectId;
      }
      expect(ids(seen)).toEqual(ids(all));
      const at = (i: number): ObjectId => all[Math.min(i, all.length - 1)]?._id as ObjectId;
      const before = await find({ ...filter, _id: { $lt: at(20) } }, { _id: -1 }, 5);
      expect(ids(before)).toEqual(
        ids(
          all
            .slice(0, Math.min(20, all.length - 1))
            .reverse()
            .slice(0, 5),
        ),
      );
      const closed = await find({ ...filter, _id: { $gte: at(0), $lte: at(30) } }, { _id: -1 }, 100);
      expect(ids(closed)).toEqual(ids(all.slice(0, Math.min(31, all.length)).reverse()));
      const open = await find({ ...filter, _id: { $gt: at(3), $lt: at(9) } }, { _id: 1 }, 0, 1);
      expect(ids(open)).toEqual(ids(all.slice(5, Math.min(9, all.length - 1))));
    }
  });

  it('keeps _id order across inserts below the last id and deletes', async () => {
    const pageIds = async (): Promise<string[]> => {
      const out: string[] = [];
      let last: ObjectId | undefined;
      for (;;) {
        const page = await find(last ? { _id: { $gt: last } } : {}, { _id: 1 }, 50);
        if (page.length === 0) return out;
        out.push(...page.map((d) => String(d._id)));
        last = page[page.length - 1]?._id as ObjectId;
      }
    };
    const expected = async (): Promise<string[]> => (await find({})).map((d) => String(d._id)).sort();
    expect(await pageIds()).toEqual(await expected());
    const newest = new ObjectId();
    for (const c of [indexed, plain]) {
      await c.insertOne({ _id: new ObjectId('000000000000000000000002'), rank: 1 });
      await c.insertOne({ _id: newest, rank: 1 });
      await c.deleteOne({ _id: new ObjectId('000000000000000000000001') });
    }
    expect(await pageIds()).toEqual(await expected());
    for (const c of [indexed, plain]) await c.deleteMany({ rank: 0 });
    expect(await pageIds()).toEqual(await expected());
  });

  it('counts and aggregates through the same index path', async () => {
    const n = await both((c) =>
      c.countDocuments({ customerId: customers[0], at: { $gte: new Date(base + 3 * day) } }),
    );
    expect(n).toBeGreaterThan(0);
    await both((c) => c.countDocuments({ customerId: customers[5] }, { skip: 2, limit: 3 }));
    await both((c) => c.countDocuments({ customerId: new ObjectId() }));
    await both((c) =>
      c
        .aggregate([
          { $match: { tags: 'red' } },
          { $sort: { at: -1 } },
          { $limit: 5 },
          { $project: { at: 1 } },
        ])
        .toArray(),
    );
    await both((c) => c.aggregate([{ $match: { customerId: customers[1] } }, { $count: 'total' }]).toArray());
    await both((c) =>
      c
        .aggregate([
          { $match: { customerId: { $in: customers.slice(0, 3) } } },
          { $group: { _id: '$customerId', n: { $sum: 1 } } },
          { $sort: { _id: 1 } },
        ])
        .toArray(),
    );
  });
});
