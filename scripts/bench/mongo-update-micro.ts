import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import mongoose, { type Model } from 'mongoose';
import { spawnService, type SpawnedService } from './spawn-service.js';

/**
 * Server CPU on small writes and projected reads, through mongoose: updateOne `$set`/`$inc` by
 * `_id`, and find by key with an inclusion and an exclusion projection. Each server given on the
 * command line (a directory holding an embedded-mongo `index.ts`, default `src/embedded-mongo`)
 * runs in its own process; the loops alternate between them in rounds, so a before/after pair
 * shares the machine's load.
 *
 *   tsx scripts/bench/mongo-update-micro.ts .scratch/head-em src/embedded-mongo
 */
const DOCS = 2000;
const OPS = Number(process.env.BENCH_OPS ?? 6000);
const ROUNDS = 3;
const CONCURRENCY = 16;

/** An embedded server built from `dir` (a directory holding its index.ts), in its own process. */
function startServer(dir: string): Promise<SpawnedService> {
  const entry = resolve(dir, 'index.ts');
  const code = `const m = await import(${JSON.stringify(entry)}); const s = await m.startEmbeddedMongo(); console.log(s.uri);`;
  return spawnService(['--input-type=module', '-e', code], /^(mongodb:\/\/\S+)$/m);
}

const schema = new mongoose.Schema({
  sku: { type: String, unique: true },
  name: String,
  price: Number,
  stock: Number,
  tags: [String],
  attrs: { color: String, size: String },
});

type Op = (Item: Model<unknown>, i: number) => Promise<unknown>;
const ops: Array<[string, Op]> = [
  ['updateOne $set by _id', (Item, i) => Item.updateOne({ _id: ids[i % DOCS] }, { $set: { name: `n${i}` } })],
  ['updateOne $inc by _id', (Item, i) => Item.updateOne({ _id: ids[i % DOCS] }, { $inc: { stock: 1 } })],
  ['find by sku, no projection', (Item, i) => Item.find({ sku: `sku-${i % DOCS}` }).lean()],
  [
    'find by sku, inclusion projection',
    (Item, i) => Item.find({ sku: `sku-${i % DOCS}` }, { sku: 1, price: 1 }).lean(),
  ],
  [
    'find by sku, exclusion projection',
    (Item, i) => Item.find({ sku: `sku-${i % DOCS}` }, { tags: 0, attrs: 0 }).lean(),
  ],
];

/** CPU seconds a process has used (Linux /proc; the server's share is what the changes move). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function loop(Item: Model<unknown>, op: Op, n: number): Promise<number> {
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await op(Item, next++);
    }),
  );
  return (performance.now() - start) / 1000;
}

const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src/embedded-mongo'];
const ids = Array.from({ length: DOCS }, () => new mongoose.Types.ObjectId());
const servers: Array<{
  dir: string;
  conn: mongoose.Connection;
  Item: Model<unknown>;
  server: SpawnedService;
  secs: number[];
  cpu: number[];
}> = [];
for (const dir of dirs) {
  const server = await startServer(dir);
  const conn = await mongoose.createConnection(server.url, { dbName: 'micro' }).asPromise();
  const Item = conn.model('Item', schema) as Model<unknown>;
  await Item.init();
  await Item.insertMany(
    ids.map((_id, i) => ({
      _id,
      sku: `sku-${i}`,
      name: 'x',
      price: i,
      stock: 1,
      tags: ['a', 'b'],
      attrs: { color: 'red', size: 'M' },
    })),
  );
  for (const [, op] of ops) await loop(Item, op, 500); // warm up
  servers.push({ dir, conn, Item, server, secs: ops.map(() => 0), cpu: ops.map(() => 0) });
}
for (let r = 0; r < ROUNDS; r++) {
  for (const [k, [, op]] of ops.entries()) {
    for (const s of servers) {
      const cpu = cpuSeconds(s.server.child.pid);
      s.secs[k] = (s.secs[k] ?? 0) + (await loop(s.Item, op, Math.floor(OPS / ROUNDS)));
      s.cpu[k] = (s.cpu[k] ?? 0) + cpuSeconds(s.server.child.pid) - cpu;
    }
  }
}
const table = ops.map(([name], k) => {
  const out: Record<string, string | number> = { op: name };
  for (const s of servers) {
    out[`${s.dir} ops/s`] = Math.round(OPS / (s.secs[k] ?? 1));
    out[`${s.dir} server µs/op`] = Math.round(((s.cpu[k] ?? 0) / OPS) * 1e6);
  }
  return out;
});
for (const s of servers) {
  await s.conn.close();
  await s.server.stop();
}
console.log(
  `${OPS} ops each (server CPU from /proc, 10 ms ticks), concurrency ${CONCURRENCY}, rounds alternating between servers`,
);
console.table(table);
