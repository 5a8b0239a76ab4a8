import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../../../src/embedded-mongo/index.js';

// Persistence is a feature of the embedded server itself, so this file never uses MONGO_URL.
const dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = new Schema({ email: { type: String, unique: true }, visits: Number });

describe('embedded mongo: persistence to a directory', () => {
  it('keeps data and indexes across a restart', async () => {
    const first = await startEmbeddedMongo({ dir });
    const c1 = await mongoose.createConnection(first.uri, { dbName: 'persist' }).asPromise();
    const U1 = c1.model('User', schema);
    await U1.init();
    await U1.create([
      { email: 'a@x', visits: 1 },
      { email: 'b@x', visits: 2 },
    ]);
    await U1.updateOne({ email: 'b@x' }, { $inc: { visits: 1 } });
    await c1.close();
    await first.close();

    const second = await startEmbeddedMongo({ dir });
    const c2 = await mongoose.createConnection(second.uri, { dbName: 'persist' }).asPromise();
    const U2 = c2.model('User', schema);
    const docs = await U2.find().sort({ email: 1 }).lean();
    expect(docs.map((d) => [d.email, d.visits])).toEqual([
      ['a@x', 1],
      ['b@x', 3],
    ]);
    const indexes = await c2.db!.collection('users').listIndexes().toArray();
    expect(indexes.map((i) => i.name)).toContain('email_1');
    await expect(U2.create({ email: 'a@x' })).rejects.toMatchObject({ code: 11000 });
    await c2.dropDatabase();
    await c2.close();
    await second.close();

    const third = await startEmbeddedMongo({ dir });
    const c3 = await mongoose.createConnection(third.uri, { dbName: 'persist' }).asPromise();
    expect(await c3.db!.collection('users').countDocuments()).toBe(0);
    await c3.close();
    await third.close();
  });
});
