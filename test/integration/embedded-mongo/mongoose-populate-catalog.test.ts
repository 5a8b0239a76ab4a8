import { Schema, type Connection } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddedOnly, useMongo } from './setup.js';

/** populate, indexes and the catalog, change streams and transactions through mongoose. */
const mongo = useMongo('emb_populate_catalog');

const authorSchema = new Schema({ name: String, country: String }, { toObject: { virtuals: true } });
authorSchema.virtual('books', { ref: 'Book', localField: '_id', foreignField: 'author' });
authorSchema.virtual('bookCount', { ref: 'Book', localField: '_id', foreignField: 'author', count: true });
const bookSchema = new Schema({
  title: String,
  year: Number,
  author: { type: Schema.Types.ObjectId, ref: 'Author' },
  coauthors: [{ type: Schema.Types.ObjectId, ref: 'Author' }],
});

function build(conn: Connection) {
  return { Author: conn.model('Author', authorSchema), Book: conn.model('Book', bookSchema) };
}
let cached: ReturnType<typeof build> | undefined;
const models = (): ReturnType<typeof build> => (cached ??= build(mongo.conn()));

describe('embedded mongo: populate', () => {
  beforeAll(async () => {
    const { Author, Book } = models();
    const [ann, bob, cy] = await Author.create([
      { name: 'Ann', country: 'NO' },
      { name: 'Bob', country: 'IT' },
      { name: 'Cy', country: 'NO' },
    ]);
    await Book.insertMany([
      { title: 'One', year: 2001, author: ann?._id, coauthors: [bob?._id, cy?._id] },
      { title: 'Two', year: 2005, author: ann?._id, coauthors: [] },
      { title: 'Three', year: 2010, author: bob?._id, coauthors: [ann?._id] },
    ]);
  });

  it('populates a ref with select', async () => {
    const book = await models()
      .Book.findOne({ title: 'One' })
      .populate('author', 'name -_id')
      .lean()
      .orFail();
    expect(book.author).toEqual({ name: 'Ann' });
  });

  it('populates an array of refs with match and options', async () => {
    const book = await models()
      .Book.findOne({ title: 'One' })
      .populate({
        path: 'coauthors',
        match: { country: 'NO' },
        select: 'name',
        options: { sort: { name: -1 } },
      })
      .orFail();
    expect(book.coauthors.map((a) => (a as unknown as { name: string }).name)).toEqual(['Cy']);
  });

  it('virtual populate with sort and count', async () => {
    const ann = await models()
      .Author.findOne({ name: 'Ann' })
      .populate({ path: 'books', options: { sort: { year: -1 } } })
      .populate('bookCount')
      .orFail();
    const books = ann.get('books') as Array<{ title: string }>;
    expect(books.map((b) => b.title)).toEqual(['Two', 'One']);
    expect(ann.get('bookCount')).toBe(2);
  });

  it('Model.populate on lean documents', async () => {
    const books = await models().Book.find({}).sort({ year: 1 }).lean();
    const populated = await models().Book.populate(books, { path: 'author', select: 'name' });
    expect(populated.map((b) => (b.author as unknown as { name: string }).name)).toEqual([
      'Ann',
      'Ann',
      'Bob',
    ]);
  });
});

describe('embedded mongo: indexes and the catalog', () => {
  it('syncIndexes creates declared indexes, drops stale ones and diffIndexes agrees', async () => {
    const conn = mongo.conn();
    const schema = new Schema({ sku: String, price: Number });
    schema.index({ sku: 1 }, { unique: true });
    schema.index({ price: -1 });
    const Thing = conn.model('Thing', schema);
    await Thing.createCollection();
    await Thing.collection.createIndex({ stale: 1 });
    const dropped = await Thing.syncIndexes();
    expect(dropped).toEqual(['stale_1']);
    const indexes = await Thing.listIndexes();
    expect(indexes.map((i) => i.name).sort()).toEqual(['_id_', 'price_-1', 'sku_1']);
    expect(indexes.find((i) => i.name === 'sku_1')?.unique).toBe(true);
    expect(await Thing.diffIndexes()).toEqual({ toDrop: [], toCreate: [] });
  });

  it('a unique index with collation strength 2 rejects case variants', async () => {
    const schema = new Schema({ handle: String });
    schema.index({ handle: 1 }, { unique: true, collation: { locale: 'en', strength: 2 } });
    const Handle = mongo.conn().model('Handle', schema);
    await Handle.init();
    await Handle.create({ handle: 'Neo' });
    await expect(Handle.create({ handle: 'NEO' })).rejects.toMatchObject({ code: 11000 });
    const found = await Handle.findOne({ handle: 'neo' }).collation({ locale: 'en', strength: 2 }).lean();
    expect(found?.handle).toBe('Neo');
  });

  it('createCollection, listCollections and an existing name', async () => {
    const conn = mongo.conn();
    await conn.createCollection('fresh_things');
    const names = (await conn.listCollections()).map((c) => c.name);
    expect(names).toContain('fresh_things');
    await expect(conn.db?.createCollection('fresh_things')).rejects.toMatchObject({ code: 48 });
  });

  embeddedOnly('watch() answers a clear unsupported error', async () => {
    const { Book } = models();
    const stream = Book.watch();
    const error = await new Promise<unknown>((resolve) => {
      stream.on('error', resolve);
      stream.on('change', () => resolve(new Error('unexpected change event')));
    });
    expect(String((error as Error).message)).toMatch(/not supported/);
    await stream.close();
  });
});

describe('embedded mongo: transactions through mongoose', () => {
  it('connection.transaction commits, and aborts on a thrown error', async () => {
    const conn = mongo.conn();
    const Account = conn.model('Account', new Schema({ owner: String, balance: Number }));
    await Account.createCollection();
    await conn.transaction(async (session) => {
      await Account.create([{ owner: 'a', balance: 10 }], { session });
      await Account.updateOne({ owner: 'a' }, { $inc: { balance: 5 } }, { session });
    });
    expect((await Account.findOne({ owner: 'a' }).lean())?.balance).toBe(15);
    await expect(
      conn.transaction(async (session) => {
        await Account.updateOne({ owner: 'a' }, { $inc: { balance: 100 } }, { session });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await Account.findOne({ owner: 'a' }).lean())?.balance).toBe(15);
  });

  it('session.withTransaction sees its own writes and hides them from others until commit', async () => {
    const conn = mongo.conn();
    const Ledger = conn.model('Ledger', new Schema({ k: String }));
    await Ledger.createCollection();
    const session = await conn.startSession();
    try {
      await session.withTransaction(async () => {
        await Ledger.create([{ k: 'x' }], { session });
        expect(await Ledger.countDocuments({}).session(session)).toBe(1);
        expect(await Ledger.countDocuments({})).toBe(0);
      });
    } finally {
      await session.endSession();
    }
    expect(await Ledger.countDocuments({})).toBe(1);
  });
});
