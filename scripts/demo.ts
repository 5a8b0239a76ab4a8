/**
 * The whole product on one machine: `npm run demo`. Starts the embedded MongoDB (persisted under
 * .data/) unless MONGO_URL is set, seeds a sample store, starts every worker and the HTTP service,
 * trains segments and the recommender, sends a weekly digest to every customer into the outbox (or
 * Mailgun when MAILGUN_API_KEY is set) and prints a summary.
 */
import { Command } from 'commander';
import { QueueEvents } from 'bullmq';
import { resolve } from 'node:path';
import { configWith } from '../src/config.js';
import { progressBar } from '../src/demo/progress.js';
import { stageTimings, summariseCampaign } from '../src/demo/summary.js';
import { createLogger } from '../src/logger.js';
import { createProducer } from '../src/queues/producer.js';
import { PIPELINE } from '../src/queues/registry.js';
import { buildWorkers } from '../src/runtime/build-workers.js';
import { openRuntime } from '../src/runtime/open-runtime.js';
import { startHttpServer } from '../src/runtime/start-http.js';
import { weeklyDigestKey } from '../src/scheduler/digest-schedule.js';
import { seedStore } from '../src/seed/index.js';
import { campaignProgress } from '../src/evaluate/campaign-progress.js';

const opts = new Command()
  .option('--customers <n>', 'customers to seed on an empty store', (v) => Number(v), 2000)
  .option('--products <n>', 'products to seed on an empty store', (v) => Number(v), 300)
  .option('--days <n>', 'days of shopping history to seed', (v) => Number(v), 180)
  .option('--campaign <key>', 'campaign key (default: this week, so a re-run sends nothing twice)')
  .option('--keep-running', 'keep workers and bull-board up after the summary', false)
  .parse()
  .opts<{ customers: number; products: number; days: number; campaign?: string; keepRunning: boolean }>();

// The demo shows a whole digest now, so quiet hours and preferred-hour deferrals are off unless
// set explicitly; in production they default to on (see README).
const config = configWith({
  EMBEDDED_MONGO_DIR: process.env.EMBEDDED_MONGO_DIR ?? '.data/mongo',
  QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? 'mailmind-demo',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  QUIET_HOURS_START: process.env.QUIET_HOURS_START ?? '0',
  QUIET_HOURS_END: process.env.QUIET_HOURS_END ?? '0',
  PREFERRED_SEND_HOUR: process.env.PREFERRED_SEND_HOUR ?? 'false',
});
const logger = createLogger('demo');
const t0 = Date.now();
const runtime = await openRuntime(config, logger);
const { models } = runtime.db;
const say = (line: string) => process.stdout.write(`${line}\n`);

say(
  `MongoDB: ${runtime.embeddedMongo ? `embedded (development only), data in ${config.EMBEDDED_MONGO_DIR}` : 'MONGO_URL'}`,
);
say(
  `Transport: ${config.MAILGUN_API_KEY ? `Mailgun (${config.MAILGUN_URL})` : `local outbox in ${resolve(config.OUTBOX_DIR)}`}`,
);
say(`Copy generator: ${runtime.deps.generator.name}`);
if (config.QUIET_HOURS_START === config.QUIET_HOURS_END)
  say('Quiet hours: off for this demo (set QUIET_HOURS_START/END to see deferrals)');

if ((await models.Customer.estimatedDocumentCount()) === 0) {
  let bar: ReturnType<typeof progressBar> | undefined;
  let phase = '';
  const counts = await seedStore(models, {
    seed: 42,
    customers: opts.customers,
    products: opts.products,
    days: opts.days,
    storeUrl: config.STORE_URL,
    onProgress(p) {
      if (p.phase !== phase) {
        bar?.stop();
        phase = p.phase;
        bar = progressBar(`seeding ${p.phase}`, p.total);
      }
      bar?.update(p.done);
    },
  });
  bar?.stop();
  say(
    `Seeded ${counts.products} products, ${counts.customers} customers, ${counts.events} events, ${counts.orders} orders`,
  );
} else {
  say(`Store already has ${await models.Customer.estimatedDocumentCount()} customers: not seeding again`);
}

// The demo's queues are its own: start them empty so the summary counts this run only. The
// ledger in MongoDB, not Redis, is what keeps a second run from emailing anyone twice.
await Promise.all(
  [...PIPELINE, 'maintenance' as const].map((q) => runtime.queues[q].obliterate({ force: true })),
);
const workers = buildWorkers(runtime, [...PIPELINE, 'maintenance'], logger);
const http = await startHttpServer(runtime, logger).catch(async (err) => {
  logger.warn({ err: String(err) }, `port ${config.HTTP_PORT} unavailable; bull-board on a random port`);
  return startHttpServer({ ...runtime, config: { ...config, HTTP_PORT: 0 } }, logger);
});
// QueueEvents blocks on its connection, so it gets its own; BullMQ leaves a connection it was
// handed open, so closing the events closes it too (left open, it kept the demo from exiting).
const eventsConnection = runtime.redis.duplicate();
const events = new QueueEvents('maintenance', { connection: eventsConnection, prefix: config.QUEUE_PREFIX });
const closeEvents = async () => {
  await events.close();
  eventsConnection.disconnect();
};
await events.waitUntilReady();

async function runMaintenance(name: 'train-segments' | 'train-recommender'): Promise<unknown> {
  const started = Date.now();
  const id = await runtime.deps.enqueue(name, {});
  const job = await runtime.queues.maintenance.getJob(id);
  const result = await job!.waitUntilFinished(events, 15 * 60_000);
  say(`${name}: ${JSON.stringify(result)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}
await runMaintenance('train-segments');
await runMaintenance('train-recommender');

const campaign = { key: opts.campaign ?? weeklyDigestKey(new Date(), 'UTC'), type: 'weekly_digest' as const };
const consenting = await models.Customer.countDocuments({ marketingConsent: true });
const producer = createProducer({
  queues: runtime.queues,
  enqueue: runtime.deps.enqueue,
  enqueueBulk: runtime.deps.enqueueBulk,
});
const digestStarted = Date.now();
await producer.fanOut(campaign);
const bar = progressBar(`digest ${campaign.key}`, consenting);
for (;;) {
  const done = (await campaignProgress(models, campaign.key)).final;
  bar.update(done);
  const counts = await Promise.all(
    PIPELINE.map((q) => runtime.queues[q].getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
  );
  const busy = counts.some((c) => Object.values(c).some((n) => n > 0));
  const fanoutBusy = Object.values(await runtime.queues.maintenance.getJobCounts('waiting', 'active')).some(
    (n) => n > 0,
  );
  if (done >= consenting && !busy && !fanoutBusy) break;
  if (!busy && !fanoutBusy && Date.now() - digestStarted > 5000) break;
  await new Promise((r) => setTimeout(r, 250));
}
bar.stop();
const digestSeconds = (Date.now() - digestStarted) / 1000;

const summary = await summariseCampaign(models, campaign.key);
const timings = await stageTimings(PIPELINE.map((name) => ({ name, queue: runtime.queues[name] })));
say('');
say(
  `Weekly digest ${campaign.key}: ${summary.sent} emails sent in ${digestSeconds.toFixed(1)} s (${(summary.sent / digestSeconds).toFixed(1)} emails/s)`,
);
say('Emails per segment:');
for (const r of summary.bySegment) say(`  ${r.segment.padEnd(34)} ${r.count}`);
say('Emails per locale:');
for (const r of summary.byLocale) say(`  ${r.locale.padEnd(34)} ${r.count}`);
say('Copy written by:');
for (const r of summary.byGenerator) say(`  ${r.generator.padEnd(34)} ${r.count}`);
say('Skipped, and why:');
say(`  ${'no marketing consent (not enqueued)'.padEnd(34)} ${summary.notEnqueued.noConsent}`);
for (const r of summary.skipped) say(`  ${r.reason.padEnd(34)} ${r.count}`);
if (summary.failed) say(`  ${'failed (see bull-board)'.padEnd(34)} ${summary.failed}`);
say('Per-stage processing time (completed jobs):');
for (const t of timings)
  say(
    `  ${t.stage.padEnd(10)} jobs ${String(t.jobs).padStart(6)}  mean ${t.meanMs.toFixed(1).padStart(7)} ms  p95 ${String(t.p95Ms).padStart(5)} ms`,
  );
say('');
say(
  config.MAILGUN_API_KEY
    ? `Emails went to Mailgun domain ${config.MAILGUN_DOMAIN}`
    : `Emails (.eml and .html): ${resolve(config.OUTBOX_DIR)}`,
);
say(
  `bull-board: ${http.url}/admin/queues (user ${config.ADMIN_USER})${opts.keepRunning ? '' : ' — up while the demo runs; use --keep-running to keep it'}`,
);
say(`Total ${((Date.now() - t0) / 1000).toFixed(1)} s`);

if (!opts.keepRunning) {
  await closeEvents();
  await http.close();
  await workers.close();
  await runtime.close();
} else {
  const stop = async () => {
    await closeEvents();
    await http.close();
    await workers.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
