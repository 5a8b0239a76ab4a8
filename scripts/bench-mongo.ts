import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';

/**
 * Throughput of the embedded server through mongoose over one connection: bulk insert into a
 * collection with a unique index, then indexed findOne lookups. Set MONGO_URL to measure a real
 * MongoDB instead. The last line is JSON for machines.
 */
const TOTAL = Number(process.env.BENCH_DOCS ?? 100_000);
const BATCH = 1000;
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 20_000);
const CONCURRENCY = 16;

const embedded = process.env.MONGO_URL ? undefined : await startEmbeddedMongo();
const uri = process.env.MONGO_URL ?? (embedded?.uri as string);
const conn = await mongoose.createConnection(uri, { dbName: `bench_${Date.now()}` }).asPromise();
const Item = conn.model(
  'Item',
  new mongoose.Schema({ sku: { type: String, unique: true }, price: Number, stock: Number, tags: [String] }),
);
await Item.init();

let start = performance.now();
for (let i = 0; i < TOTAL; i += BATCH) {
  const docs = [];
  for (let j = i; j < Math.min(TOTAL, i + BATCH); j++) docs.push({ sku: `sku-${j}`, price: j % 100, stock: j % 7, tags: ['a'] });
  await Item.insertMany(docs, { lean: true });
}
const insertSecs = (performance.now() - start) / 1000;

start = performance.now();
let next = 0;
let found = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < LOOKUPS) {
      const i = next++;
      const doc = await Item.findOne({ sku: `sku-${(i * 7919) % TOTAL}` }).lean();
      if (doc) found++;
    }
  }),
);
const findSecs = (performance.now() - start) / 1000;
if (found !== LOOKUPS) throw new Error(`expected ${LOOKUPS} hits, got ${found}`);

await conn.dropDatabase();
await conn.close();
await embedded?.close();

const insertsPerSec = Math.round(TOTAL / insertSecs);
const findOnePerSec = Math.round(LOOKUPS / findSecs);
console.table([
  { step: `insertMany ${TOTAL} docs (batches of ${BATCH}, unique index)`, seconds: insertSecs.toFixed(2), perSec: insertsPerSec },
  { step: `findOne by unique key x${LOOKUPS} (concurrency ${CONCURRENCY})`, seconds: findSecs.toFixed(2), perSec: findOnePerSec },
]);
console.log(JSON.stringify({ insertsPerSec, findOnePerSec }));
