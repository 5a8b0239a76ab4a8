import type { Config } from '../config.js';
import { createProductCatalog, type ProductCatalog } from '../catalog/product-catalog.js';
import type { Database } from '../db/connection.js';
import { createBandits, type Bandits } from '../evaluate/bandit-store.js';
import type { Models } from '../db/models/index.js';
import type { CopyGenerator } from '../generate/types.js';
import type { Logger } from '../logger.js';
import type { SegmentModel } from '../profile/segmentation.js';
import { decodeSegmentModel } from '../profile/segment-training.js';
import type { Enqueue, EnqueueBulk } from '../queues/enqueue.js';
import { decodeRecommender, type ServingRecommender } from '../recommend/recommender-training.js';
import { createSendSlots, type SendSlots } from '../send/frequency-cap.js';
import { createLedger, type Ledger } from '../send/ledger.js';
import type { Transport } from '../send/transports/index.js';
import { createStoredModelCache, type StoredModelCache } from '../shared/stored-model-cache.js';
import { createBatchedReads, type BatchedReads } from './batched-reads.js';

/** Everything a pipeline job needs, passed in rather than imported, so tests run the same jobs. */
export interface PipelineDeps {
  config: Config;
  models: Models;
  /** Hot point reads batched across the jobs running at once in this process. */
  reads: BatchedReads;
  catalog: ProductCatalog;
  segments: StoredModelCache<SegmentModel>;
  recommender: StoredModelCache<ServingRecommender>;
  ledger: Ledger;
  /** Frequency-cap send slots (their writes batch across this process's send jobs). */
  slots: SendSlots;
  /** Thompson-sampling bandits over copy variants and recommendation strategies. */
  bandits: Bandits;
  generator: CopyGenerator;
  transport: Transport;
  enqueue: Enqueue;
  enqueueBulk: EnqueueBulk;
  logger: Logger;
}

export function createPipelineDeps(input: {
  config: Config;
  db: Database;
  generator: CopyGenerator;
  transport: Transport;
  enqueue: Enqueue;
  enqueueBulk: EnqueueBulk;
  logger: Logger;
  cacheTtlMs?: number;
}): PipelineDeps {
  const { models } = input.db;
  const ttl = input.cacheTtlMs ?? 30_000;
  const catalog = createProductCatalog(models, ttl);
  return {
    config: input.config,
    models,
    reads: createBatchedReads(models, catalog),
    catalog,
    segments: createStoredModelCache(models, 'segments', decodeSegmentModel, ttl),
    recommender: createStoredModelCache(models, 'recommender', decodeRecommender, ttl),
    ledger: createLedger(models),
    slots: createSendSlots(models),
    bandits: createBandits(models),
    generator: input.generator,
    transport: input.transport,
    enqueue: input.enqueue,
    enqueueBulk: input.enqueueBulk,
    logger: input.logger,
  };
}
