import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Config } from '../config.js';
import type { Models } from '../db/models/index.js';
import type { Logger } from '../logger.js';
import type { Producer } from '../queues/producer.js';
import type { Ledger } from '../send/ledger.js';
import { registerBullBoard } from './bull-board.js';
import { healthRoutes } from './routes/health.js';
import { shopifyWebhookRoutes } from './routes/shopify-webhooks.js';
import { unsubscribeRoutes } from './routes/unsubscribe.js';

export interface HttpDeps {
  config: Config;
  models: Models;
  producer: Producer;
  ledger: Ledger;
  catalog: ProductCatalog;
  queues: Queue[];
  logger: Logger;
}

/** The HTTP service: storefront webhooks, unsubscribe, bull-board and metrics. Each concern is its own plugin. */
export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger, trustProxy: true });
  const { config } = deps;
  await app.register(healthRoutes, { queues: deps.queues });
  await app.register(shopifyWebhookRoutes, {
    models: deps.models,
    producer: deps.producer,
    ledger: deps.ledger,
    catalog: deps.catalog,
    secret: config.SHOPIFY_WEBHOOK_SECRET,
    logger: deps.logger,
    settings: {
      storeUrl: config.STORE_URL,
      defaultTimezone: 'UTC',
      abandonedCheckoutDelayMs: config.ABANDONED_CHECKOUT_DELAY_MS,
      postPurchaseDelayMs: config.POST_PURCHASE_DELAY_MS,
    },
  });
  await app.register(unsubscribeRoutes, {
    models: deps.models,
    secret: config.UNSUBSCRIBE_SECRET,
    storeName: config.STORE_NAME,
    logger: deps.logger,
  });
  await registerBullBoard(app, deps.queues, { user: config.ADMIN_USER, password: config.ADMIN_PASSWORD });
  return app;
}
