/**
 * `npm run bench:pipeline -- --customers 20000`: seeds n shoppers, runs a weekly digest end to end
 * through the four queues (composer + outbox), then pushes the same n through four no-op queues on
 * the same Redis in the same run. Prints a table and, last, one JSON line with the ratio.
 */
import { Command } from 'commander';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { configWith } from '../src/config.js';
import { progressBar } from '../src/demo/progress.js';
import { campaignProgress } from '../src/evaluate/campaign-progress.js';
import { createLogger } from '../src/logger.js';
import { createProducer } from '../src/queues/producer.js';
import { PIPELINE } from '../src/queues/registry.js';
import { buildWorkers } from '../src/runtime/build-workers.js';
import { openRuntime } from '../src/runtime/open-runtime.js';
import { seedStore } from '../src/seed/index.js';
import { cpuMsPer, createCpuMeter } from './bench/cpu-meter.js';
import { runNoopChain } from './bench/noop-chain.js';
import { MONGO_READY, spawnService } from './bench/spawn-service.js';

const opts = new Command()
  .option('--customers <n>', 'shoppers to seed and email', (v) => Number(v), 2000)
  .option('--products <n>', 'products to seed', (v) => Number(v), 300)
  .option('--concurrency <n>', 'worker concurrency per queue (both runs)', (v) => Number(v), 64)
  .option(
    '--transport <name>',
    'outbox (files), or mailgun: the real mailgun.js client against the local sink in its own process',
    'outbox',
  )
  .parse()
  .opts<{ customers: number; products: number; concurrency: number; transport: string }>();
if (opts.transport !== 'outbox' && opts.transport !== 'mailgun')
  throw new Error(`--transport must be outbox or mailgun, not ${opts.transport}`);

// Services run as their own processes, as mongod and Mailgun would: their CPU is not the workers'.
const mongo = process.env.MONGO_URL
  ? undefined
  : await spawnService([resolve(import.meta.dirname, 'mongo-embedded.ts'), '--port', '0'], MONGO_READY);
const sink =
  opts.transport === 'mailgun'
    ? await spawnService([resolve(import.meta.dirname, 'bench/mailgun-sink-process.ts')], /^(http\S+)$/m)
    : undefined;
const outbox = await mkdtemp(join(tmpdir(), 'mailmind-bench-outbox-'));
const prefix = `bench-${Date.now().toString(36)}`;
const concurrency = String(opts.concurrency);
const config = configWith({
  MONGO_URL: process.env.MONGO_URL ?? mongo!.url.replace('/?', `/bench_${prefix}?`),
  QUEUE_PREFIX: prefix,
  GENERATOR: 'composer',
  MAILGUN_API_KEY: sink ? 'bench-key' : '',
  ...(sink ? { MAILGUN_URL: sink.url, MAILGUN_DOMAIN: 'mg.bench.test' } : {}),
  OUTBOX_DIR: outbox,
  SEND_RATE_MAX: '1000000',
  // Throughput, not send timing, is measured: no quiet hours or preferred-hour deferrals.
  QUIET_HOURS_START: '0',
  QUIET_HOURS_END: '0',
  PREFERRED_SEND_HOUR: 'false',
  FREQUENCY_CAP_PER_7_DAYS: '1000',
  PROFILE_CONCURRENCY: concurrency,
  RECOMMEND_CONCURRENCY: concurrency,
  GENERATE_CONCURRENCY: concurrency,
  SEND_CONCURRENCY: concurrency,
  LOG_LEVEL: 'warn',
});
const logger = createLogger('bench', 'warn');
const runtime = await openRuntime(config, logger);
const { models } = runtime.db;
const memory: number[] = [];
const sampleMemory = () => memory.push(process.memoryUsage().rss / 2 ** 20);
const sampler = setInterval(sampleMemory, 1000);

try {
  let bar = progressBar('seeding', opts.customers);
  await seedStore(models, {
    seed: 11,
    customers: opts.customers,
    products: opts.products,
    days: 120,
    onProgress: (p) => p.phase === 'customers' && bar.update(p.done),
  });
  bar.stop();
  const consenting = await models.Customer.countDocuments({ marketingConsent: true });

  const workers = buildWorkers(runtime, [...PIPELINE, 'maintenance'], logger);
  const trainStarted = performance.now();
  for (const name of ['train-segments', 'train-recommender'] as const) {
    await runtime.deps.enqueue(name, {});
    await waitUntil(
      async () =>
        (await runtime.queues.maintenance.getJobCounts('completed')).completed! >=
        (name === 'train-segments' ? 1 : 2),
    );
  }
  const trainSeconds = (performance.now() - trainStarted) / 1000;

  const producer = createProducer({
    queues: runtime.queues,
    enqueue: runtime.deps.enqueue,
    enqueueBulk: runtime.deps.enqueueBulk,
  });
  const campaign = { key: `bench-${prefix}`, type: 'weekly_digest' as const };
  bar = progressBar('pipeline digest', consenting);
  const memoryBefore = memory.length;
  const cpu = createCpuMeter({ redis: runtime.redis, mongoPid: mongo?.child.pid });
  const cpuBefore = await cpu.sample();
  const started = performance.now();
  await producer.fanOut(campaign);
  let sent = 0;
  let firstEmailSeconds = NaN;
  // Polled once a second: the grouped count reads every row of the campaign, and a tighter poll
  // would charge the pipeline for the benchmark's own bookkeeping.
  await waitUntil(async () => {
    const progress = await campaignProgress(models, campaign.key);
    const final = progress.final;
    sent = progress.sent;
    bar.update(final);
    if (final > 0 && Number.isNaN(firstEmailSeconds))
      firstEmailSeconds = (performance.now() - started) / 1000;
    return final >= consenting;
  }, 1000);
  const pipelineSeconds = (performance.now() - started) / 1000;
  const pipelineCpu = cpuMsPer(consenting, cpuBefore, await cpu.sample());
  bar.stop();
  const pipelineMemory = memory.slice(memoryBefore);
  await workers.close();

  bar = progressBar('no-op chain', consenting);
  const noopCpuBefore = await cpu.sample();
  const noop = await runNoopChain({
    connection: runtime.redis,
    prefix,
    n: consenting,
    concurrency: opts.concurrency,
    onProgress: (d) => bar.update(d),
  });
  const noopCpu = cpuMsPer(consenting, noopCpuBefore, await cpu.sample());
  bar.stop();

  const emailsPerSec = sent / pipelineSeconds;
  // When both runs keep the cores busy, the ratio is about noop CPU / pipeline CPU per email. The
  // bound counts only what the database server spends per email: even stages costing nothing on
  // top of the no-op chain could not pass it on this machine with this MongoDB.
  const noopCpuMs = (noopCpu.workers ?? 0) + (noopCpu.redis ?? 0) + (noopCpu.mongo ?? 0);
  const mongoBound =
    pipelineCpu.mongo === null ? null : noopCpuMs / (noopCpuMs + pipelineCpu.mongo - (noopCpu.mongo ?? 0));
  const noopPerSec = consenting / noop.seconds;
  const ratio = emailsPerSec / noopPerSec;
  const q = (xs: number[], f: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * f)] ?? 0;
  // Flat memory shows as equal medians from the first quarter of the digest to the last: a step
  // that held every shopper would grow from one quarter to the next.
  const quarters = [0, 1, 2, 3].map((k) =>
    Math.round(
      q(
        pipelineMemory.slice(
          Math.floor((pipelineMemory.length * k) / 4),
          Math.max(
            Math.floor((pipelineMemory.length * (k + 1)) / 4),
            Math.floor((pipelineMemory.length * k) / 4) + 1,
          ),
        ),
        0.5,
      ),
    ),
  );
  const rows: Array<[string, string]> = [
    ['customers seeded / consenting', `${opts.customers} / ${consenting}`],
    ['emails sent', String(sent)],
    ['training (segments + recommender)', `${trainSeconds.toFixed(1)} s`],
    ['pipeline digest', `${pipelineSeconds.toFixed(1)} s  ${emailsPerSec.toFixed(1)} emails/s`],
    ['first email after', `${firstEmailSeconds.toFixed(1)} s`],
    ['no-op 4-queue chain', `${noop.seconds.toFixed(1)} s  ${noopPerSec.toFixed(1)} jobs/s`],
    ['ratio (pipeline / no-op)', ratio.toFixed(3)],
    ['CPU ms per email: workers / MongoDB / Redis', cpuRow(pipelineCpu)],
    ['CPU ms per no-op chain: workers / MongoDB / Redis', cpuRow(noopCpu)],
    [
      'ratio bound from MongoDB server CPU alone',
      mongoBound === null ? 'n/a (MONGO_URL: server CPU not measured)' : mongoBound.toFixed(3),
    ],
    [
      'worker RSS during digest (MiB) p10 / p50 / max',
      `${q(pipelineMemory, 0.1).toFixed(0)} / ${q(pipelineMemory, 0.5).toFixed(0)} / ${Math.max(...pipelineMemory, 0).toFixed(0)}`,
    ],
    ['worker RSS median by quarter of the digest (MiB)', quarters.join(' / ')],
    ['concurrency per queue', String(opts.concurrency)],
    ['transport', sink ? 'mailgun.js -> local sink (own process)' : 'outbox (files)'],
    ['MongoDB', process.env.MONGO_URL ? 'MONGO_URL' : 'embedded (separate process)'],
  ];
  console.log('');
  for (const [k, v] of rows) console.log(`${k.padEnd(48)} ${v}`);
  console.log(
    JSON.stringify({
      customers: opts.customers,
      emailsPerSec: round(emailsPerSec),
      noopPerSec: round(noopPerSec),
      ratio: round(ratio, 3),
      mongoBoundRatio: mongoBound === null ? null : round(mongoBound, 3),
      peakRssMiB: round(Math.max(...pipelineMemory, 0)),
      rssMiBByQuarter: quarters,
      cpuMsPerEmail: pipelineCpu,
      cpuMsPerNoop: noopCpu,
    }),
  );
} finally {
  clearInterval(sampler);
  await Promise.all(
    [...PIPELINE, 'maintenance' as const].map((n) =>
      runtime.queues[n].obliterate({ force: true }).catch(() => undefined),
    ),
  );
  await runtime.db.connection.dropDatabase().catch(() => undefined);
  await runtime.close();
  await mongo?.stop();
  await sink?.stop();
  await rm(outbox, { recursive: true, force: true });
}

async function waitUntil(check: () => Promise<boolean>, intervalMs = 250): Promise<void> {
  for (;;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function cpuRow(c: { workers: number | null; mongo: number | null; redis: number | null }): string {
  return [c.workers, c.mongo, c.redis].map((v) => (v === null ? 'n/a' : v.toFixed(2))).join(' / ');
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
