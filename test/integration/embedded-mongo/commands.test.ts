import type { Db } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { embeddedOnly, failure, useMongo } from './setup.js';

const mongo = useMongo('emb_cmd');
const db = (): Db => mongo.conn().db as Db;

describe('embedded mongo: raw commands through the driver', () => {
  it('answers hello as a writable replica set primary', async () => {
    const hello = await db().admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(typeof hello.setName).toBe('string');
    expect(hello.hosts.length).toBeGreaterThan(0);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(8);
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    expect(hello.topologyVersion).toBeDefined();
    expect((await db().admin().command({ ping: 1 })).ok).toBe(1);
    expect(typeof (await db().admin().command({ buildInfo: 1 })).version).toBe('string');
    expect((await db().admin().command({ serverStatus: 1 })).ok).toBe(1);
    expect((await db().admin().command({ getParameter: 1, featureCompatibilityVersion: 1 })).ok).toBe(1);
  });

  it('creates, lists and drops collections and databases', async () => {
    await db().createCollection('alpha');
    await db().collection('beta').insertOne({ x: 1 });
    expect((await failure(db().createCollection('alpha'))).code).toBe(48);
    const names = (await db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['alpha', 'beta']);
    const filtered = await db().listCollections({ name: 'beta' }).toArray();
    expect(filtered).toHaveLength(1);
    expect(filtered[0]).toMatchObject({ name: 'beta', type: 'collection' });
    expect(await db().collection('alpha').drop()).toBe(true);
    const dbs = await db().admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain(db().databaseName);
    const other = mongo.conn().getClient().db(`${db().databaseName}_other`);
    await other.collection('c').insertOne({ a: 1 });
    expect(await other.dropDatabase()).toBe(true);
    expect((await db().admin().listDatabases()).databases.map((d) => d.name)).not.toContain(
      other.databaseName,
    );
  });

  it('returns the raw write and cursor reply shapes of mongod', async () => {
    await db()
      .collection('shapes')
      .insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    const upd = await db().command({
      update: 'shapes',
      updates: [
        { q: { a: 1 }, u: { $set: { b: 1 } } },
        { q: { a: 9 }, u: { $set: { b: 9 } }, upsert: true },
        { q: {}, u: { $inc: { a: 10 } }, multi: true },
      ],
    });
    expect(upd.n).toBe(1 + 1 + 4);
    expect(upd.nModified).toBe(1 + 4);
    expect(upd.upserted).toHaveLength(1);
    expect(upd.upserted[0].index).toBe(1);
    const find = await db().command({ find: 'shapes', filter: {}, sort: { a: 1 }, batchSize: 2 });
    expect(find.cursor.firstBatch).toHaveLength(2);
    expect(find.cursor.ns).toBe(`${db().databaseName}.shapes`);
    const more = await db().command({ getMore: find.cursor.id, collection: 'shapes', batchSize: 1 });
    expect(more.cursor.nextBatch).toHaveLength(1);
    const killed = await db().command({ killCursors: 'shapes', cursors: [find.cursor.id] });
    expect(killed.cursorsKilled).toHaveLength(1);
    expect(killed.cursorsNotFound).toEqual([]);
    expect((await failure(db().command({ getMore: find.cursor.id, collection: 'shapes' }))).code).toBe(43);
    const last = await db().command({ find: 'shapes', filter: { a: 11 } });
    expect(Number(last.cursor.id)).toBe(0);
    const count = await db().command({ count: 'shapes', query: { a: { $gte: 10 } }, skip: 1, limit: 2 });
    expect(count.n).toBe(2);
    const fam = await db().command({
      findAndModify: 'shapes',
      query: { a: 11 },
      update: { $set: { c: 1 } },
      new: true,
      fields: { c: 1, _id: 0 },
    });
    expect(fam.lastErrorObject).toEqual({ n: 1, updatedExisting: true });
    expect(fam.value).toEqual({ c: 1 });
    const famUp = await db().command({
      findAndModify: 'shapes',
      query: { a: 99 },
      update: { $set: { c: 2 } },
      upsert: true,
      new: true,
    });
    expect(famUp.lastErrorObject.updatedExisting).toBe(false);
    expect(famUp.lastErrorObject.upserted).toBeDefined();
    const famDel = await db().command({ findAndModify: 'shapes', query: { a: 99 }, remove: true });
    expect(famDel.lastErrorObject).toEqual({ n: 1 });
    const del = await db().command({ delete: 'shapes', deletes: [{ q: { a: { $gte: 10 } }, limit: 1 }] });
    expect(del.n).toBe(1);
  });

  it('reports MongoDB errors for bad updates', async () => {
    const coll = db().collection('errs');
    await coll.insertOne({ _id: 1 as never, name: 'x', tags: 'notarray' });
    const immutable = await failure(coll.updateOne({ _id: 1 as never }, { $set: { _id: 2 as never } }));
    expect(immutable.code).toBe(66);
    const replaced = await failure(coll.replaceOne({ _id: 1 as never }, { _id: 3 as never, name: 'y' }));
    expect(replaced.code).toBe(66);
    const inc = await failure(coll.updateOne({ _id: 1 as never }, { $inc: { name: 1 } }));
    expect(inc.code).toBe(14);
    expect(inc.message).toContain('Cannot apply $inc to a value of non-numeric type');
    const push = await failure(coll.updateOne({ _id: 1 as never }, { $push: { tags: 'a' } as never }));
    expect(push.code).toBe(2);
    const conflict = await failure(coll.updateOne({ _id: 1 as never }, { $set: { a: 1 }, $inc: { a: 1 } }));
    expect(conflict.code).toBe(40);
    const unknown = await failure(
      db()
        .command({ update: 'errs', updates: [{ q: {}, u: { $bogus: { a: 1 } } }] })
        .then((r) => {
          if (r.writeErrors) throw Object.assign(new Error(r.writeErrors[0].errmsg), r.writeErrors[0]);
        }),
    );
    expect(unknown.code).toBe(9);
    const badOp = await failure(coll.find({ a: { $foo: 1 } }).toArray());
    expect(badOp.code).toBe(2);
  });

  embeddedOnly('rejects unsupported features with clear errors', async () => {
    const coll = db().collection('geo');
    await coll.insertOne({ loc: { type: 'Point', coordinates: [0, 0] }, body: 'hello' });
    const text = await failure(coll.createIndex({ body: 'text' }));
    expect(text.code).toBe(67);
    expect(text.message).toMatch(/not supported/);
    const geo = await failure(
      coll.find({ loc: { $near: { $geometry: { type: 'Point', coordinates: [0, 0] } } } }).toArray(),
    );
    expect(geo.message).toMatch(/not supported/);
    const stage = await failure(
      coll.aggregate([{ $geoNear: { near: [0, 0], distanceField: 'd' } }]).toArray(),
    );
    expect(stage.code).toBe(115);
    const capped = await failure(db().createCollection('cap', { capped: true, size: 1024 }));
    expect(capped.code).toBe(115);
    const unknownStage = await failure(coll.aggregate([{ $nope: {} }]).toArray());
    expect(unknownStage.code).toBe(40324);
    const noCommand = await failure(db().command({ definitelyNotACommand: 1 }));
    expect(noCommand.code).toBe(59);
    await expect(coll.watch().tryNext()).rejects.toThrow(/not supported|changeStream/);
  });
});
