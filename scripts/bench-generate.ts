import { Command } from 'commander';
import { config } from '../src/config.js';
import type { BackendName } from '../src/generate/backend/select-backend.js';
import { DEFAULT_MODEL_DIR } from '../src/generate/create-generator.js';
import { checkCopy } from '../src/generate/guardrails/index.js';
import { sampleRequests } from '../src/generate/sample-requests.js';
import { createTransformerGenerator } from '../src/generate/transformer-generator.js';
import type { CopyRequest, EmailCopy } from '../src/generate/types.js';
import { createLogger } from '../src/logger.js';

const opts = new Command()
  .option('--model <dir>', 'model directory', DEFAULT_MODEL_DIR)
  .option('--emails <n>', 'emails through the pool', '10000')
  .option('--raw-emails <n>', 'emails through direct batched generation', '3000')
  .option('--batch <n>', "batch size B (default: GENERATOR_BATCH_SIZE, else the backend's)")
  .option('--wait <ms>', 'batch wait W (default: GENERATOR_BATCH_WAIT_MS)')
  .option('--concurrency <n>', 'concurrent generate() callers (default 2 x B)')
  .option('--backend <name>', 'force a backend (default: GENERATOR_BACKEND)')
  .option('--cold-emails <n>', 'emails timed from empty caches (cold start)', '2000')
  .option('--warm-emails <n>', 'further unmeasured warm-up emails (fill the candidate caches)', '8000')
  .option('--per-key <n>', 'candidates sampled per control tuple (K)', '8')
  .option('--catalog <n>', 'products in the synthetic catalogue', '300')
  .option('--rounds <n>', 'alternating raw/pool rounds', '2')
  .parse()
  .opts<{
    model: string;
    emails: string;
    rawEmails: string;
    batch?: string;
    wait?: string;
    concurrency?: string;
    backend?: string;
    coldEmails: string;
    warmEmails: string;
    perKey: string;
    catalog: string;
    rounds: string;
  }>();

const cfg = config();
const batchSize = opts.batch ? Number(opts.batch) : cfg.GENERATOR_BATCH_SIZE;
const W = Number(opts.wait ?? cfg.GENERATOR_BATCH_WAIT_MS);
const backend = (opts.backend ?? cfg.GENERATOR_BACKEND) as BackendName | undefined;
const logger = createLogger('bench-generate', 'warn');
const gen = await createTransformerGenerator({
  modelDir: opts.model,
  ...(batchSize ? { batchSize } : {}),
  batchWaitMs: W,
  logger,
  candidatesPerKey: Number(opts.perKey),
  ...(backend ? { backend } : {}),
});
// The generator settles the batch size: configured, or its backend's default.
const B = gen.batchSize;
// Realistic variety: 18 segment names (6 classes), 4 tones, 3 campaigns, 3 bandit arms, both
// locales, 25% without a name, 2-4 products from a catalogue of a few hundred.
const sample = (count: number, seed: number): CopyRequest[] =>
  sampleRequests(count, seed, {
    catalogSize: Number(opts.catalog),
    variants: ['arm-a', 'arm-b', 'arm-c'],
    manySegments: true,
  });
const cc = gen.candidateCache;

let slotErrors = 0;
let invented = 0;
let fallbacks = 0;
const audit = (req: CopyRequest, out: EmailCopy | Error): void => {
  if (out instanceof Error) {
    fallbacks++;
    return;
  }
  for (const v of checkCopy(out, req, { bannedPhrases: cfg.BANNED_PHRASES })) {
    if (v.rule === 'unfilled_slot') slotErrors++;
    if (v.rule === 'invented_number') invented++;
  }
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

// Cold start: empty caches, direct batched generation, timed. Then more (untimed) warm-up, as a
// long-running worker would have seen, before the steady state is measured on fresh requests.
const cold = sample(Number(opts.coldEmails), 1);
let coldSec = 0;
const coldT0 = performance.now();
for (let i = 0; i < cold.length; i += B) await gen.generateBatch(cold.slice(i, i + B));
coldSec = (performance.now() - coldT0) / 1000;
const coldTokens = gen.stats.tokens;
const coldHitRate = cc.hitRate;
const warm = sample(Number(opts.warmEmails), 3);
for (let i = 0; i < warm.length; i += B) await gen.generateBatch(warm.slice(i, i + B));

// Raw (the same model's batched generation called directly, B requests at a time) and pool
// (concurrent generate() calls) run in alternating rounds so that load from other processes on
// this machine hits both alike.
const rounds = Number(opts.rounds);
const rawN = Number(opts.rawEmails);
const n = Number(opts.emails);
const rawReqs = sample(rawN, 7);
const reqs = sample(n, 11);
const concurrency = Number(opts.concurrency ?? 2 * B);
const latencies: number[] = [];
const subjects = new Set<string>();
const intros = new Set<string>();
let rawSec = 0;
let poolSec = 0;
let rawCpu = 0;
let poolCpu = 0;
const cpuSince = (c0: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
let rawEmails = 0;
let rawTokens = 0;
let candidateSlotErrors = 0;
const hitsBefore = gen.blurbCache.hits;
const missesBefore = gen.blurbCache.misses;
const ccHits0 = cc.hits;
const ccMisses0 = cc.misses;
const tokens0 = gen.stats.tokens;
for (let round = 0; round < rounds; round++) {
  const rawChunk = rawReqs.slice(
    Math.floor((round * rawN) / rounds),
    Math.floor(((round + 1) * rawN) / rounds),
  );
  const before = { ...gen.stats };
  let c0 = process.cpuUsage();
  let t0 = performance.now();
  for (let i = 0; i < rawChunk.length; i += B) {
    const chunk = rawChunk.slice(i, i + B);
    (await gen.generateBatch(chunk)).forEach((o, j) => audit(chunk[j] as CopyRequest, o));
  }
  rawSec += (performance.now() - t0) / 1000;
  rawCpu += cpuSince(c0);
  rawEmails += rawChunk.length;
  rawTokens += gen.stats.tokens - before.tokens;

  const poolChunk = reqs.slice(Math.floor((round * n) / rounds), Math.floor(((round + 1) * n) / rounds));
  let next = 0;
  c0 = process.cpuUsage();
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < poolChunk.length) {
        const req = poolChunk[next++] as CopyRequest;
        const s = performance.now();
        const out = await gen
          .generate(req)
          .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
        latencies.push(performance.now() - s);
        audit(req, out);
        if (!(out instanceof Error)) {
          subjects.add(out.subject);
          intros.add(out.intro);
        }
      }
    }),
  );
  poolSec += (performance.now() - t0) / 1000;
  poolCpu += cpuSince(c0);
}
candidateSlotErrors = gen.stats.slotErrors;
const rawEmailsPerSec = rawEmails / rawSec;
const emailsPerSec = n / poolSec;
const tokensPerEmail = rawTokens / Math.max(1, rawEmails);
const hits = gen.blurbCache.hits - hitsBefore;
const misses = gen.blurbCache.misses - missesBefore;
const ccHits = cc.hits - ccHits0;
const ccMisses = cc.misses - ccMisses0;
const steadyTokensPerEmail = (gen.stats.tokens - tokens0) / (rawEmails + n);
const candidateHitRate = ccHits / Math.max(1, ccHits + ccMisses);
const { config: mc } = gen.loaded.model;

console.table({
  backend: gen.backend,
  'model params': gen.paramCount,
  'model shape': `d${mc.dModel} L${mc.nLayers} H${mc.nHeads} ff${mc.dFf} ctx${mc.maxLen} vocab${mc.vocabSize}`,
  'cached (recipient-independent)': `K=${cc.perKey} sampled lines per (campaign, locale, segment class, tone, field, name/discount/category flags, slot set); blurb line per product x locale x tone x campaign`,
  'not cached (per recipient)':
    'seeded pick among the K (best of 2 that passes), slot filling, guardrails on every filled line',
  'cold start: emails / emails/s (direct batches, empty caches)': `${cold.length} / ${(cold.length / coldSec).toFixed(1)}`,
  'cold start: tokens generated per email / candidate hit rate': `${(coldTokens / Math.max(1, cold.length)).toFixed(1)} / ${coldHitRate.toFixed(3)}`,
  'warm-up emails before the steady state': warm.length,
  'candidate keys cached / candidate lines': `${cc.size} / ${cc.lines}`,
  'steady state: candidate cache hit rate (field lookups)': candidateHitRate.toFixed(3),
  'steady state: tokens generated per email': steadyTokensPerEmail.toFixed(2),
  'steady state: tokens per email, raw rounds only': tokensPerEmail.toFixed(2),
  'batch size B / wait W ms / callers': `${B} / ${W} / ${concurrency}`,
  'raw batched emails/s': rawEmailsPerSec.toFixed(1),
  'pool emails/s': emailsPerSec.toFixed(1),
  'pool efficiency': (emailsPerSec / rawEmailsPerSec).toFixed(3),
  'CPU share of this process, raw / pool (1 = one full core)': `${(rawCpu / rawSec).toFixed(2)} / ${(poolCpu / poolSec).toFixed(2)}`,
  'emails per CPU-second, raw / pool': `${(rawEmails / rawCpu).toFixed(1)} / ${(n / poolCpu).toFixed(1)}`,
  'machine load average (1 min)': (await import('node:os')).loadavg()[0]?.toFixed(2),
  'pool p50 / p99 ms': `${pct(latencies, 50).toFixed(0)} / ${pct(latencies, 99).toFixed(0)}`,
  'pool batches / largest': `${gen.batcherStats.batches} / ${gen.batcherStats.maxBatchSeen}`,
  'blurb (per-product line) cache hit rate': (hits / Math.max(1, hits + misses)).toFixed(3),
  'distinct subjects / intros in measured pool emails': `${subjects.size} / ${intros.size}`,
  'emails checked': rawN + n,
  'slot errors (final copy / candidates)': `${slotErrors} / ${candidateSlotErrors}`,
  'invented numbers': invented,
  'emails sent to the fallback': fallbacks,
});
await gen.close();
console.log(
  JSON.stringify({
    backend: gen.backend,
    emailsPerSec: Number(emailsPerSec.toFixed(1)),
    rawEmailsPerSec: Number(rawEmailsPerSec.toFixed(1)),
    poolEfficiency: Number((emailsPerSec / rawEmailsPerSec).toFixed(3)),
    p50Ms: Number(pct(latencies, 50).toFixed(1)),
    p99Ms: Number(pct(latencies, 99).toFixed(1)),
    slotErrors: slotErrors + candidateSlotErrors,
    inventedNumbers: invented,
    fallbacks,
    coldEmailsPerSec: Number((cold.length / coldSec).toFixed(1)),
    candidateHitRate: Number(candidateHitRate.toFixed(3)),
    tokensPerEmail: Number(steadyTokensPerEmail.toFixed(2)),
    emailsPerCpuSec: Number((n / poolCpu).toFixed(1)),
  }),
);
