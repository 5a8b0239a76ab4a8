import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';

/**
 * Throughput of the embedded server through mongoose over one connection: bulk insert into a
 * collection with a unique index, then indexed findOne lookups. The server runs in its own
 * process, as mongod would (BENCH_INPROC=1 runs it inside this process instead); set MONGO_URL
 * to measure a real MongoDB. The last line is JSON for machines.
 */
const TOTAL = Number(process.env.BENCH_DOCS ?? 100_000);
const BATCH = 1000;
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 20_000);
const CONCURRENCY = 16;

/** Starts `scripts/mongo-embedded.ts` on a free port and waits for the URI it prints. */
async function spawnServer(): Promise<{ uri: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./mongo-embedded.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    output += chunk.toString();
    const uri = /^(mongodb:\/\/\S+\?directConnection=true)$/m.exec(output)?.[1];
    if (uri) return { uri, child };
  }
  throw new Error(`embedded server exited before printing its URI: ${output}`);
}

const inProcess = process.env.BENCH_INPROC === '1';
const embedded = process.env.MONGO_URL || !inProcess ? undefined : await startEmbeddedMongo();
const child = process.env.MONGO_URL || inProcess ? undefined : await spawnServer();
const uri = process.env.MONGO_URL ?? embedded?.uri ?? (child?.uri as string);
const conn = await mongoose.createConnection(uri, { dbName: `bench_${Date.now()}` }).asPromise();
const Item = conn.model(
  'Item',
  new mongoose.Schema({ sku: { type: String, unique: true }, price: Number, stock: Number, tags: [String] }),
);
await Item.init();

let start = performance.now();
for (let i = 0; i < TOTAL; i += BATCH) {
  const docs = [];
  for (let j = i; j < Math.min(TOTAL, i + BATCH); j++)
    docs.push({ sku: `sku-${j}`, price: j % 100, stock: j % 7, tags: ['a'] });
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
if (child) {
  child.child.kill('SIGTERM');
  await once(child.child, 'exit');
}

const insertsPerSec = Math.round(TOTAL / insertSecs);
const findOnePerSec = Math.round(LOOKUPS / findSecs);
console.log(
  `server: ${process.env.MONGO_URL ? 'MONGO_URL' : inProcess ? 'embedded, in process' : 'embedded, child process'}`,
);
console.table([
  {
    step: `insertMany ${TOTAL} docs (batches of ${BATCH}, unique index)`,
    seconds: insertSecs.toFixed(2),
    perSec: insertsPerSec,
  },
  {
    step: `findOne by unique key x${LOOKUPS} (concurrency ${CONCURRENCY})`,
    seconds: findSecs.toFixed(2),
    perSec: findOnePerSec,
  },
]);
console.log(JSON.stringify({ insertsPerSec, findOnePerSec }));
