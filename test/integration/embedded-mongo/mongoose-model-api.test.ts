import { Schema, Types, mongo as driver, type Connection } from 'mongoose';
import { beforeEach, describe, expect, it } from 'vitest';
import { useMongo } from './setup.js';

/** Model and document APIs of mongoose 9 end to end: what users rely on beyond plain CRUD. */
const mongo = useMongo('emb_model_api');

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true },
    name: { type: String, default: 'anon', minlength: 2 },
    age: { type: Number, min: 0 },
    prefs: { type: Map, of: String },
    avatar: Buffer,
    token: Schema.Types.UUID,
    balance: Schema.Types.Decimal128,
    addresses: [{ city: String, zip: String }],
  },
  { timestamps: true, optimisticConcurrency: true },
);
userSchema.virtual('label').get(function () {
  return `${this.name} <${this.email}>`;
});

const eventSchema = new Schema({ at: Date, note: String }, { discriminatorKey: 'kind' });

function build(conn: Connection) {
  const User = conn.model('User', userSchema);
  const Event = conn.model('Event', eventSchema);
  const Click = Event.discriminator('Click', new Schema({ url: String }));
  const Buy = Event.discriminator('Buy', new Schema({ amount: Number }));
  return { User, Event, Click, Buy };
}
let cached: ReturnType<typeof build> | undefined;
const models = (): ReturnType<typeof build> => (cached ??= build(mongo.conn()));

describe('embedded mongo: mongoose model API', () => {
  beforeEach(async () => {
    const { User, Event } = models();
    await User.init();
    await User.deleteMany({});
    await Event.deleteMany({});
  });

  it('applies defaults and timestamps on create and bumps updatedAt on update', async () => {
    const { User } = models();
    const user = await User.create({ email: 'a@x.io' });
    expect(user.name).toBe('anon');
    expect(user.createdAt).toBeInstanceOf(Date);
    const created = user.updatedAt as Date;
    await new Promise((r) => setTimeout(r, 5));
    const updated = await User.findOneAndUpdate({ _id: user._id }, { age: 3 }, { new: true }).orFail();
    expect((updated.updatedAt as Date).getTime()).toBeGreaterThan(created.getTime());
    expect(updated.createdAt?.getTime()).toBe(user.createdAt?.getTime());
  });

  it('validation errors stay client-side and nothing is written', async () => {
    const { User } = models();
    await expect(User.create({ email: 'b@x.io', name: 'x', age: -1 })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    await expect(User.updateOne({}, { age: -5 }, { runValidators: true })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(await User.countDocuments()).toBe(0);
  });

  it('CastError is raised by mongoose before any query is sent', async () => {
    const { User } = models();
    await expect(User.findById('not-an-id')).rejects.toMatchObject({ name: 'CastError', path: '_id' });
    await expect(User.find({ age: 'old' } as never)).rejects.toMatchObject({ name: 'CastError' });
  });

  it('E11000 carries code, index name, keyPattern, keyValue and the MongoDB message format', async () => {
    const { User } = models();
    await User.create({ email: 'dup@x.io' });
    const error = await User.create({ email: 'dup@x.io' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'dup@x.io' } });
    expect((error as Error).message).toMatch(
      /E11000 duplicate key error collection: \w+\.users index: email_1 dup key: \{ email: "dup@x\.io" \}/,
    );
  });

  it('round-trips Map, Buffer, UUID and Decimal128 fields', async () => {
    const { User } = models();
    const token = '2f1c1a7e-4b3d-4b1a-9c55-2b2d2f3e4a5b';
    await User.create({
      email: 'types@x.io',
      prefs: new Map([['theme', 'dark']]),
      avatar: Buffer.from([1, 2, 3]),
      token,
      balance: '12.34',
    });
    const doc = await User.findOne({ email: 'types@x.io' }).orFail();
    expect(doc.prefs?.get('theme')).toBe('dark');
    expect(Buffer.from(doc.avatar as Buffer)).toEqual(Buffer.from([1, 2, 3]));
    expect(String(doc.token)).toBe(token);
    expect(doc.balance?.toString()).toBe('12.34');
    expect(await User.countDocuments({ 'prefs.theme': 'dark', token })).toBe(1);
    const raw = await User.collection.findOne({ email: 'types@x.io' });
    expect(raw?.token).toBeInstanceOf(driver.Binary);
    expect((raw?.token as InstanceType<typeof driver.Binary>).sub_type).toBe(4);
    expect(raw?.balance).toBeInstanceOf(Types.Decimal128);
  });

  it('queries Decimal128 by value across numeric types', async () => {
    const { User } = models();
    await User.create([
      { email: 'd1@x.io', balance: '1.5' },
      { email: 'd2@x.io', balance: '10' },
    ]);
    expect(await User.countDocuments({ balance: { $gt: 2 } } as never)).toBe(1);
    const sorted = await User.find({}).sort({ balance: -1 }).lean();
    expect(sorted.map((u) => u.email)).toEqual(['d2@x.io', 'd1@x.io']);
  });

  it('findById, findByIdAndUpdate, findOneAndDelete and findOneAndReplace', async () => {
    const { User } = models();
    const user = await User.create({ email: 'f@x.io', name: 'Fred' });
    expect((await User.findById(user._id).orFail()).email).toBe('f@x.io');
    const before = await User.findByIdAndUpdate(user._id, { $set: { name: 'Frank' } }).orFail();
    expect(before.name).toBe('Fred');
    const after = await User.findByIdAndUpdate(
      user._id,
      { name: 'Finn' },
      { returnDocument: 'after' },
    ).orFail();
    expect(after.name).toBe('Finn');
    const replaced = await User.findOneAndReplace(
      { _id: user._id },
      { email: 'g@x.io', name: 'Gus' },
      { returnDocument: 'after' },
    )
      .lean()
      .orFail();
    expect(replaced).toMatchObject({ email: 'g@x.io', name: 'Gus' });
    expect(replaced).not.toHaveProperty('age');
    const deleted = await User.findOneAndDelete({ email: 'g@x.io' }).orFail();
    expect(deleted.name).toBe('Gus');
    expect(await User.findById(user._id)).toBeNull();
  });

  it('upsert through findOneAndUpdate returns the new document', async () => {
    const { User } = models();
    const doc = await User.findOneAndUpdate(
      { email: 'u@x.io' },
      { $set: { age: 4 } },
      { upsert: true, new: true, includeResultMetadata: true },
    );
    expect(doc.lastErrorObject?.updatedExisting).toBe(false);
    expect(doc.lastErrorObject?.upserted).toBeDefined();
    expect(doc.value).toMatchObject({ email: 'u@x.io', age: 4, name: 'anon' });
  });

  it('replaceOne and deleteMany return counts', async () => {
    const { User } = models();
    await User.create([{ email: 'r1@x.io' }, { email: 'r2@x.io' }, { email: 'r3@x.io' }]);
    const replaced = await User.replaceOne({ email: 'r1@x.io' }, { email: 'r1@x.io', name: 'Rita' });
    expect(replaced).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    const none = await User.deleteOne({ email: 'zz' });
    expect(none).toMatchObject({ acknowledged: true, deletedCount: 0 });
    const many = await User.deleteMany({ email: { $in: ['r2@x.io', 'r3@x.io'] } });
    expect(many.deletedCount).toBe(2);
  });

  it('arrays of subdocuments: push via the document, pull by _id, save', async () => {
    const { User } = models();
    const user = await User.create({ email: 's@x.io', addresses: [{ city: 'Oslo' }] });
    user.addresses.push({ city: 'Rome', zip: '001' });
    await user.save();
    const first = user.addresses[0];
    user.addresses.pull(first?._id);
    await user.save();
    const stored = await User.findById(user._id).lean().orFail();
    expect(stored.addresses.map((a) => a.city)).toEqual(['Rome']);
    const sub = (await User.findById(user._id).orFail()).addresses[0];
    expect(sub?._id.toString()).toBe(stored.addresses[0]?._id.toString());
  });

  it('optimisticConcurrency raises VersionError on a stale save', async () => {
    const { User } = models();
    const created = await User.create({ email: 'v@x.io' });
    const a = await User.findById(created._id).orFail();
    const b = await User.findById(created._id).orFail();
    a.age = 1;
    await a.save();
    b.age = 2;
    await expect(b.save()).rejects.toMatchObject({ name: 'VersionError' });
    expect((await User.findById(created._id).lean().orFail()).__v).toBe(1);
  });

  it('discriminators store the key and filter by it', async () => {
    const { Event, Click, Buy } = models();
    await Click.create({ url: '/a', note: 'c' });
    await Buy.create({ amount: 5, note: 'b' });
    expect(await Event.countDocuments()).toBe(2);
    expect(await Click.countDocuments()).toBe(1);
    const buy = await Buy.findOne().lean().orFail();
    expect(buy).toMatchObject({ kind: 'Buy', amount: 5 });
    const all = await Event.find().sort({ note: 1 }).lean();
    expect(all.map((e) => (e as { kind?: string }).kind)).toEqual(['Buy', 'Click']);
  });

  it('lean results carry no virtuals unless asked; hydrate builds documents', async () => {
    const { User } = models();
    await User.create({ email: 'h@x.io', name: 'Hal' });
    const lean = await User.findOne({ email: 'h@x.io' }).lean().orFail();
    expect(lean).not.toHaveProperty('label');
    const raw = await User.collection.findOne({ email: 'h@x.io' });
    const doc = User.hydrate(raw);
    expect(doc.isNew).toBe(false);
    expect(doc.get('label')).toBe('Hal <h@x.io>');
    doc.name = 'Hank';
    await doc.save();
    expect((await User.findById(doc._id).lean().orFail()).name).toBe('Hank');
  });

  it('insertMany ordered: false inserts the rest and reports the duplicates', async () => {
    const { User } = models();
    await User.create({ email: 'i1@x.io' });
    const error = await User.insertMany([{ email: 'i2@x.io' }, { email: 'i1@x.io' }, { email: 'i3@x.io' }], {
      ordered: false,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000 });
    expect((error as { writeErrors: Array<{ index: number }> }).writeErrors.map((w) => w.index)).toEqual([1]);
    expect(await User.countDocuments()).toBe(3);
  });

  it('insertMany rawResult reports insertedCount', async () => {
    const { User } = models();
    const res = (await User.insertMany([{ email: 'raw1@x.io' }, { email: 'raw2@x.io' }], {
      rawResult: true,
    } as never)) as unknown as { insertedCount: number; acknowledged: boolean };
    expect(res.insertedCount).toBe(2);
    expect(res.acknowledged).toBe(true);
  });

  it('bulkWrite mixes inserts, updates, upserts, replaces and deletes', async () => {
    const { User } = models();
    await User.create([{ email: 'k1@x.io' }, { email: 'k2@x.io' }]);
    const res = await User.bulkWrite([
      { insertOne: { document: { email: 'k3@x.io' } } },
      { updateOne: { filter: { email: 'k1@x.io' }, update: { $set: { age: 9 } } } },
      { updateOne: { filter: { email: 'k9@x.io' }, update: { $set: { age: 1 } }, upsert: true } },
      {
        replaceOne: { filter: { email: 'k2@x.io' }, replacement: { email: 'k2@x.io', name: 'Kim' } as never },
      },
      { deleteOne: { filter: { email: 'k3@x.io' } } },
      { updateMany: { filter: {}, update: { $inc: { age: 1 } } } },
    ]);
    expect(res.insertedCount).toBe(1);
    expect(res.upsertedCount).toBe(1);
    expect(res.deletedCount).toBe(1);
    expect(res.matchedCount).toBe(5);
    expect(Object.keys(res.upsertedIds)).toEqual(['2']);
    const byEmail = Object.fromEntries((await User.find().lean()).map((u) => [u.email, u]));
    expect(byEmail['k1@x.io']?.age).toBe(10);
    expect(byEmail['k2@x.io']?.name).toBe('Kim');
    expect(byEmail['k9@x.io']?.age).toBe(2);
  });

  it('bulkWrite ordered stops at the first error and reports what ran', async () => {
    const { User } = models();
    await User.create({ email: 'o1@x.io' });
    const error = await User.bulkWrite([
      { insertOne: { document: { email: 'o2@x.io' } } },
      { insertOne: { document: { email: 'o1@x.io' } } },
      { insertOne: { document: { email: 'o3@x.io' } } },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 11000 });
    expect(await User.countDocuments()).toBe(2);
  });
});
