import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import * as tf from '@tensorflow/tfjs-core';
import { createLogger } from '../src/logger.js';
import { selectBackend, type BackendName } from '../src/generate/backend/select-backend.js';
import { corpusPieces, encodeExample, sampleExample, PROMPT_LENGTH } from '../src/generate/corpus/dataset.js';
import { Tokenizer } from '../src/generate/tokenizer/tokenizer.js';
import { GptModel } from '../src/generate/transformer/model.js';
import { saveModel } from '../src/generate/transformer/model-io.js';
import {
  batchLoss,
  disposeBatch,
  makeBatch,
  setLearningRate,
  trainStep,
} from '../src/generate/transformer/train-step.js';
import { seededRandom } from '../src/generate/random.js';

const program = new Command()
  .option('--out <dir>', 'output directory', 'models/generator')
  .option('--seed <n>', 'seed for weights and data', '7')
  .option('--steps <n>', 'optimiser steps', '1900')
  .option(
    '--max-minutes <n>',
    'stop early after this many minutes (0: never; a stopped run is not reproducible)',
    '0',
  )
  .option('--batch <n>', 'sequences per step', '32')
  .option('--lr <x>', 'peak learning rate', '3e-3')
  .option('--d-model <n>', 'model width', '64')
  .option('--layers <n>', 'Transformer blocks', '2')
  .option('--heads <n>', 'attention heads', '4')
  .option('--d-ff <n>', 'feed-forward width', '256')
  .option('--max-len <n>', 'context length', '64')
  .option('--backend <name>', 'force a tfjs backend')
  .option('--time-steps <n>', 'only time this many steps and exit (sizing)', '0');
program.parse();
const opts = program.opts<Record<string, string>>();
const num = (k: string): number => Number(opts[k]);

const logger = createLogger('train-generator');
const backend = await selectBackend({
  ...(opts.backend ? { forced: opts.backend as BackendName } : {}),
  logger,
});
const seed = num('seed');
const tokenizer = Tokenizer.fromPieces(corpusPieces());
const model = new GptModel(
  {
    vocabSize: tokenizer.size,
    dModel: num('dModel'),
    nHeads: num('heads'),
    nLayers: num('layers'),
    dFf: num('dFf'),
    maxLen: num('maxLen'),
  },
  undefined,
  seed,
);
const steps = num('steps');
const batchSize = num('batch');
const peakLr = num('lr');
const rand = seededRandom(seed);
const heldRand = seededRandom(seed + 1000);
const encode = (split: 'train' | 'heldout', r: () => number): number[][] =>
  Array.from({ length: batchSize }, () => encodeExample(tokenizer, sampleExample(r, split)));
// Length bucketing: draw 8 batches at once, sort by length, so short fields are not padded to intros.
let queue: number[][][] = [];
const nextTrainBatch = (): number[][] => {
  if (queue.length === 0) {
    const pool = Array.from({ length: 8 * batchSize }, () =>
      encodeExample(tokenizer, sampleExample(rand, 'train')),
    );
    pool.sort((a, b) => a.length - b.length);
    for (let i = 0; i < 8; i++) queue.push(pool.slice(i * batchSize, (i + 1) * batchSize));
    queue = queue
      .map((b) => ({ b, k: rand() }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.b);
  }
  return queue.pop() ?? [];
};

console.log(
  `backend ${backend.name}; vocab ${tokenizer.size}; params ${model.paramCount()}; ${steps} steps x ${batchSize}; seed ${seed}`,
);
const optimizer = tf.train.adam(peakLr, 0.9, 0.98, 1e-8);
const timeSteps = num('timeSteps');
const start = Date.now();
const bar = new SingleBar(
  { format: 'train [{bar}] {value}/{total} loss {loss} lr {lr} eta {eta_formatted}' },
  Presets.shades_classic,
);
if (!timeSteps) bar.start(steps, 0, { loss: '-', lr: '-' });
let ema = NaN;
const total = timeSteps || steps;
const warmup = Math.min(100, Math.floor(total / 10));
const deadline = num('maxMinutes') > 0 ? start + num('maxMinutes') * 60_000 : Infinity;
let stepsDone = 0;
for (let step = 1; step <= total; step++) {
  if (Date.now() > deadline) break;
  stepsDone = step;
  const lr =
    step <= warmup
      ? (peakLr * step) / warmup
      : 0.05 * peakLr + 0.95 * peakLr * 0.5 * (1 + Math.cos((Math.PI * (step - warmup)) / (total - warmup)));
  setLearningRate(optimizer, lr);
  const batch = makeBatch(nextTrainBatch(), PROMPT_LENGTH, tokenizer.padId);
  const loss = trainStep(model, optimizer, batch);
  disposeBatch(batch);
  ema = Number.isNaN(ema) ? loss : 0.95 * ema + 0.05 * loss;
  if (!timeSteps) bar.update(step, { loss: ema.toFixed(3), lr: lr.toExponential(1) });
}
if (!timeSteps) bar.stop();
const seconds = (Date.now() - start) / 1000;
if (timeSteps) {
  console.log(
    `${timeSteps} steps in ${seconds.toFixed(1)} s (${((seconds / timeSteps) * 1000).toFixed(0)} ms/step), loss ${ema.toFixed(3)}`,
  );
  process.exit(0);
}

let held = 0;
const heldBatches = 8;
for (let i = 0; i < heldBatches; i++) {
  const batch = makeBatch(encode('heldout', heldRand), PROMPT_LENGTH, tokenizer.padId);
  const l = tf.tidy(() => batchLoss(model, batch));
  held += (await l.data())[0] ?? NaN;
  l.dispose();
  disposeBatch(batch);
}
held /= heldBatches;
model.syncInference();
await saveModel(opts.out ?? 'models/generator', model, tokenizer, {
  seed,
  steps: stepsDone,
  batchSize,
  finalLoss: Number(ema.toFixed(4)),
  heldOutLoss: Number(held.toFixed(4)),
  seconds: Math.round(seconds),
  backend: backend.name,
});
console.log(
  `trained in ${seconds.toFixed(0)} s; final loss ${ema.toFixed(3)}; held-out loss ${held.toFixed(3)} (perplexity ${Math.exp(held).toFixed(2)}); saved to ${opts.out}`,
);
optimizer.dispose();
model.dispose();
