import { Command } from 'commander';
import * as tf from '@tensorflow/tfjs-core';
import { corpusLines, encodeExample, sampleExample, PROMPT_LENGTH } from '../src/generate/corpus/dataset.js';
import { DEFAULT_MODEL_DIR } from '../src/generate/create-generator.js';
import { checkCopy, countersSnapshot } from '../src/generate/guardrails/index.js';
import { seededRandom } from '../src/generate/random.js';
import { sampleRequests } from '../src/generate/sample-requests.js';
import { pretokenize } from '../src/generate/tokenizer/tokenizer.js';
import { createTransformerGenerator } from '../src/generate/transformer-generator.js';
import { batchLoss, disposeBatch, makeBatch } from '../src/generate/transformer/train-step.js';
import type { EmailCopy } from '../src/generate/types.js';
import type { Field } from '../src/generate/corpus/controls.js';
import { createLogger } from '../src/logger.js';

const opts = new Command()
  .option('--model <dir>', 'model directory', DEFAULT_MODEL_DIR)
  .option('--emails <n>', 'emails to generate', '2000')
  .option('--seed <n>', 'seed for the synthetic requests', '2024')
  .option('--batch <n>', 'requests per batched generation', '64')
  .option('--temperature <x>', 'sampling temperature', '0.8')
  .option('--top-p <x>', 'nucleus mass', '0.9')
  .option('--samples <n>', 'sample emails to print', '20')
  .parse()
  .opts<{
    model: string;
    emails: string;
    seed: string;
    batch: string;
    temperature: string;
    topP: string;
    samples: string;
  }>();

const logger = createLogger('eval-generator', 'warn');
let chosen = 0;
let novel = 0;
const novelExamples: string[] = [];
const onChosen = (field: Field, req: { locale: 'en' | 'zh-CN' }, text: string): void => {
  chosen++;
  if (!corpusLines(req.locale, field).has(text)) {
    novel++;
    if (novelExamples.length < 12) novelExamples.push(`[${req.locale} ${field}] ${text}`);
  }
};
const gen = await createTransformerGenerator({
  modelDir: opts.model,
  batchSize: 64,
  batchWaitMs: 5,
  logger,
  onChosen,
  temperature: Number(opts.temperature),
  topP: Number(opts.topP),
});
const { model, tokenizer } = gen.loaded;

// Held-out perplexity: lines of the phrase bank that training never saw.
const heldRand = seededRandom(99);
let nll = 0;
let batches = 0;
for (let i = 0; i < 16; i++) {
  const seqs = Array.from({ length: 32 }, () => encodeExample(tokenizer, sampleExample(heldRand, 'heldout')));
  const batch = makeBatch(seqs, PROMPT_LENGTH, tokenizer.padId);
  const l = tf.tidy(() => batchLoss(model, batch));
  nll += (await l.data())[0] ?? NaN;
  l.dispose();
  disposeBatch(batch);
  batches++;
}
const heldOutPpl = Math.exp(nll / batches);

const n = Number(opts.emails);
const requests = sampleRequests(n, Number(opts.seed));
const B = Number(opts.batch);
const outputs: (EmailCopy | Error)[] = [];
const t0 = Date.now();
for (let i = 0; i < n; i += B) outputs.push(...(await gen.generateBatch(requests.slice(i, i + B))));
const seconds = (Date.now() - t0) / 1000;

let failed = 0;
let invented = 0;
let unfilled = 0;
let rejectedEmails = 0;
const tokens: string[][] = [];
outputs.forEach((o, i) => {
  if (o instanceof Error) {
    failed++;
    return;
  }
  const vs = checkCopy(o, requests[i] as (typeof requests)[number], { bannedPhrases: [] });
  if (vs.length) rejectedEmails++;
  invented += vs.filter((v) => v.rule === 'invented_number').length;
  unfilled += vs.filter((v) => v.rule === 'unfilled_slot').length;
  for (const t of [o.subject, o.preheader, o.intro, o.callToAction]) tokens.push(pretokenize(t));
});
const distinct = (k: number): number => {
  const grams = new Set<string>();
  let total = 0;
  for (const t of tokens) {
    for (let i = 0; i + k <= t.length; i++) {
      grams.add(t.slice(i, i + k).join(' '));
      total++;
    }
  }
  return total ? grams.size / total : 0;
};

const s = gen.stats;
const c = countersSnapshot();
console.log(
  `model: ${gen.paramCount} params, backend ${gen.backend}, ${n} emails in ${seconds.toFixed(1)} s`,
);
console.table({
  'slot-error rate (candidates)': (s.slotErrors / Math.max(1, s.candidates)).toFixed(4),
  'unfilled slots in final copy': unfilled,
  'invented numbers in final copy': invented,
  'guardrail rejection rate (candidates)': (s.rejectedCandidates / Math.max(1, s.candidates)).toFixed(4),
  'emails with no passing candidate (-> composer)': `${failed} (${((100 * failed) / n).toFixed(2)}%)`,
  'final copy rejected by guardrails': rejectedEmails,
  'distinct-1': distinct(1).toFixed(4),
  'distinct-2': distinct(2).toFixed(4),
  'held-out perplexity': heldOutPpl.toFixed(3),
  'chosen lines not verbatim in corpus': `${((100 * novel) / Math.max(1, chosen)).toFixed(1)}% of ${chosen}`,
  'tokens generated per email': (s.tokens / Math.max(1, s.emails)).toFixed(1),
  'candidate cache hit rate (field lookups, cold start)': gen.candidateCache.hitRate.toFixed(3),
});
console.log('candidate rejections by rule:', JSON.stringify(c.candidateRejections));
console.log('\nnovel lines (not in the phrase bank):');
for (const l of novelExamples) console.log(`  ${l}`);

const perLocale = Math.ceil(Number(opts.samples) / 2);
console.log(`\n${perLocale * 2} sample emails:`);
let shown = 0;
for (const locale of ['en', 'zh-CN'] as const) {
  let k = 0;
  for (let i = 0; i < outputs.length && k < perLocale; i++) {
    const o = outputs[i];
    const r = requests[i];
    if (!r || r.locale !== locale || !o || o instanceof Error) continue;
    k++;
    shown++;
    console.log(
      `\n#${shown} ${r.locale} ${r.campaignType} / ${r.segmentName} / ${r.tone}${r.firstName ? '' : ' / no name'}`,
    );
    console.log(`  Subject:   ${o.subject}`);
    console.log(`  Preheader: ${o.preheader}`);
    console.log(`  ${o.greeting}`);
    console.log(`  ${o.intro}`);
    for (const b of o.products) console.log(`   - ${b.blurb}`);
    console.log(`  [${o.callToAction}]`);
  }
}
await gen.close();
