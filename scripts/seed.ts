/**
 * Seeds a realistic sample store: `npm run seed -- --customers 5000 --products 400 --days 180 --drop`.
 * Uses MONGO_URL when set, otherwise starts the embedded MongoDB (persisted to EMBEDDED_MONGO_DIR).
 */
import { SingleBar, Presets } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { config } from '../src/config.js';
import { connectDatabase } from '../src/db/connection.js';
import { startEmbeddedMongo } from '../src/embedded-mongo/index.js';
import { dropStore, seedStore, type SeedProgress } from '../src/seed/index.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

interface SeedCliOptions {
  customers: number;
  products: number;
  days: number;
  seed: number;
  batchSize: number;
  drop: boolean;
}

async function run(options: SeedCliOptions): Promise<void> {
  const cfg = config();
  const embedded = cfg.MONGO_URL ? undefined : await startEmbeddedMongo({ dir: cfg.EMBEDDED_MONGO_DIR });
  const uri = cfg.MONGO_URL ?? embedded?.uri;
  if (!uri) throw new Error('no MongoDB URI');
  const db = await connectDatabase(uri);
  const bar = new SingleBar(
    { format: '{phase} [{bar}] {value}/{total} | {duration_formatted}', hideCursor: true },
    Presets.shades_classic,
  );
  let phase: SeedProgress['phase'] | undefined;
  try {
    console.log(
      `seeding ${embedded ? `embedded MongoDB ${embedded.uri}` : 'MONGO_URL'} (seed ${options.seed})`,
    );
    if (options.drop) await dropStore(db.models);
    const started = Date.now();
    const counts = await seedStore(db.models, {
      seed: options.seed,
      customers: options.customers,
      products: options.products,
      days: options.days,
      storeUrl: cfg.STORE_URL,
      batchSize: options.batchSize,
      onProgress(p) {
        if (p.phase !== phase) {
          if (phase) bar.stop();
          phase = p.phase;
          bar.start(p.total, 0, { phase: p.phase.padEnd(9) });
        }
        bar.update(p.done, { phase: p.phase.padEnd(9) });
      },
    });
    bar.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `done in ${seconds}s: ${counts.products} products, ${counts.customers} customers, ${counts.events} events, ${counts.orders} orders`,
    );
  } finally {
    bar.stop();
    await db.close();
    await embedded?.close();
  }
}

const program = new Command()
  .name('seed')
  .description('Insert a deterministic sample store (products, customers, events, orders)')
  .option('--customers <n>', 'number of customers', positiveInt, 2000)
  .option('--products <n>', 'number of products', positiveInt, 300)
  .option('--days <n>', 'days of history', positiveInt, 180)
  .option('--seed <n>', 'random seed', positiveInt, 42)
  .option('--batch-size <n>', 'customers per insert page', positiveInt, 500)
  .option('--drop', 'empty the store collections first', false)
  .action(async (options: SeedCliOptions) => {
    await run(options);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
