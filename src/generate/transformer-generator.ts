import * as tf from '@tensorflow/tfjs-core';
import type { Logger } from '../logger.js';
import { selectBackend, type BackendName } from './backend/select-backend.js';
import { createBatcher, type BatcherStats } from './pool/batcher.js';
import { LruCache, type BlurbLines } from './transformer/blurb-cache.js';
import { CandidateCache } from './transformer/candidate-cache.js';
import { loadModel, type LoadedModel } from './transformer/model-io.js';
import { emptyStats, writeEmails, type WriteOptions, type WriteStats } from './transformer/write-emails.js';
import type { CopyGenerator, CopyRequest, EmailCopy } from './types.js';

export interface TransformerGeneratorOptions {
  /** Directory with model.json and weights.bin (models/generator). */
  modelDir: string;
  /** Force a backend (config GENERATOR_BACKEND); otherwise the fastest that loads. */
  backend?: BackendName;
  /**
   * Requests per batched generation (config GENERATOR_BATCH_SIZE). @defaultValue the backend's
   * (see `defaultBatchSize`)
   */
  batchSize?: number;
  /** Longest wait for a batch to fill, ms (config GENERATOR_BATCH_WAIT_MS). */
  batchWaitMs: number;
  logger: Logger;
  /** Phrases no copy may contain (config BANNED_PHRASES). */
  bannedPhrases?: readonly string[];
  /** Candidates drawn per field for each request (best passing wins). @defaultValue 2 */
  candidates?: number;
  /** @defaultValue 0.8 */
  temperature?: number;
  /** @defaultValue 0.9 */
  topP?: number;
  /** Cached product blurbs. @defaultValue 20000 */
  blurbCacheSize?: number;
  /** Distinct candidates sampled per control tuple and slot set, then reused. @defaultValue 8 */
  candidatesPerKey?: number;
  /** Control tuples whose candidates are kept. @defaultValue 20000 */
  candidateCacheSize?: number;
  /** Sees every chosen delexicalised line (eval). */
  onChosen?: WriteOptions['onChosen'];
}

/**
 * Batch size when none is configured. On a GPU a small model pays a fixed cost per kernel launch,
 * so batches must be large: on an H200 through WebGPU, batches of 32 wrote emails 3.5-4.5x slower
 * than wasm's default on the same machine, and batches of 512 1.7-2.2x faster (README, GPU).
 */
export function defaultBatchSize(backend: BackendName): number {
  return backend === 'webgpu' || backend === 'tensorflow-gpu' ? 512 : 32;
}

/** The Transformer generator; generate() goes through the batching pool, generateBatch() does not. */
export interface TransformerGenerator extends CopyGenerator {
  readonly backend: string;
  /** Requests per batched generation, configured or the backend's default. */
  readonly batchSize: number;
  /** Twice the batch size: one batch generating while the next fills. */
  readonly preferredConcurrency: number;
  readonly paramCount: number;
  readonly stats: WriteStats;
  readonly batcherStats: BatcherStats;
  readonly blurbCache: LruCache<BlurbLines>;
  /** Candidates per control tuple, shared by all recipients. */
  readonly candidateCache: CandidateCache;
  /** One batched generation for these requests, bypassing the pool (bench and eval). */
  generateBatch(requests: CopyRequest[]): Promise<(EmailCopy | Error)[]>;
  /** The loaded model and tokenizer (eval). */
  readonly loaded: LoadedModel;
}

/**
 * Loads the model once for this process and serves concurrent generate() calls in batches of up
 * to batchSize, waiting at most batchWaitMs for a batch to fill. Run one such process per GPU;
 * on CPU, run more processes.
 */
export async function createTransformerGenerator(
  options: TransformerGeneratorOptions,
): Promise<TransformerGenerator> {
  const log = options.logger;
  const choice = await selectBackend({
    ...(options.backend ? { forced: options.backend } : {}),
    logger: log,
  });
  const batchSize = options.batchSize ?? defaultBatchSize(choice.name);
  const loaded = await loadModel(options.modelDir);
  const { model, tokenizer, training } = loaded;
  const stats = emptyStats();
  const blurbCache = new LruCache<BlurbLines>(options.blurbCacheSize ?? 20_000);
  const candidateCache = new CandidateCache({
    perKey: options.candidatesPerKey ?? 8,
    capacity: options.candidateCacheSize ?? 20_000,
  });
  const writeOpts: WriteOptions = {
    ...(options.onChosen ? { onChosen: options.onChosen } : {}),
    candidates: options.candidates ?? 2,
    decode: { temperature: options.temperature ?? 0.8, topP: options.topP ?? 0.9 },
    guardrails: { bannedPhrases: options.bannedPhrases ?? [] },
    blurbCache,
    candidateCache,
    stats,
  };
  const run = (requests: CopyRequest[]): Promise<(EmailCopy | Error)[]> =>
    writeEmails(model, tokenizer, requests, writeOpts);
  const batcher = createBatcher<CopyRequest, EmailCopy>({
    maxBatch: batchSize,
    maxWaitMs: options.batchWaitMs,
    run,
  });
  log.info(
    {
      backend: choice.name,
      params: model.paramCount(),
      config: model.config,
      batchSize,
      batchWaitMs: options.batchWaitMs,
      trainedLoss: training?.finalLoss,
    },
    'transformer generator ready',
  );
  let closed = false;
  return {
    name: 'transformer',
    backend: choice.name,
    batchSize,
    preferredConcurrency: 2 * batchSize,
    paramCount: model.paramCount(),
    stats,
    batcherStats: batcher.stats,
    blurbCache,
    candidateCache,
    loaded,
    generate: (request) => batcher.submit(request),
    generateBatch: run,
    async close() {
      if (closed) return;
      closed = true;
      await batcher.close();
      model.dispose();
      log.debug({ numTensors: tf.memory().numTensors }, 'transformer generator closed');
    },
  };
}
