import type { FastifyInstance } from 'fastify';
import { buildHttpApp } from '../http/app.js';
import type { Logger } from '../logger.js';
import { createProducer } from '../queues/producer.js';
import { PIPELINE } from '../queues/registry.js';
import type { Runtime } from './open-runtime.js';

export async function buildHttpForRuntime(runtime: Runtime, logger: Logger): Promise<FastifyInstance> {
  const { deps, queues } = runtime;
  return buildHttpApp({
    config: runtime.config,
    models: deps.models,
    producer: createProducer({ queues, enqueue: deps.enqueue, enqueueBulk: deps.enqueueBulk }),
    ledger: deps.ledger,
    catalog: deps.catalog,
    queues: [...PIPELINE.map((n) => queues[n]), queues.maintenance],
    logger,
  });
}

export async function startHttpServer(
  runtime: Runtime,
  logger: Logger,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = await buildHttpForRuntime(runtime, logger);
  const url = await app.listen({ host: runtime.config.HTTP_HOST, port: runtime.config.HTTP_PORT });
  logger.info({ url, board: `${url}/admin/queues` }, 'http listening');
  return { url, close: () => app.close() };
}
