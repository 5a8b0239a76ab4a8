import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import type { ProductCatalog } from '../catalog/product-catalog.js';
import type { Config } from '../config.js';
import type { Models } from '../db/models/index.js';
import type { Logger } from '../logger.js';
import type { Producer } from '../queues/producer.js';
import type { Ledger } from '../send/ledger.js';
import { registerBullBoard } from './bull-board.js';
import { createBandits } from '../evaluate/bandit-store.js';
import { attributeOrder } from '../evaluate/attribution.js';
import { createSendBreaker } from '../evaluate/send-breaker.js';
import { createSendGate } from '../queues/send-gate.js';
import { healthRoutes } from './routes/health.js';
import { mailgunWebhookRoutes } from './routes/mailgun-webhooks.js';
import { sendingAdminRoutes } from './routes/sending-admin.js';
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
  const bandits = createBandits(deps.models);
  const sendQueue = deps.queues.find((q) => q.name === 'send');
  const breaker = sendQueue
    ? createSendBreaker({
        models: deps.models,
        gate: createSendGate(sendQueue),
        logger: deps.logger,
        settings: {
          complaintRate: config.COMPLAINT_RATE_LIMIT,
          hardBounceRate: config.HARD_BOUNCE_RATE_LIMIT,
          minSample: config.DELIVERABILITY_MIN_SAMPLE,
          windowMs: config.DELIVERABILITY_WINDOW_HOURS * 3_600_000,
        },
      })
    : undefined;
  await app.register(healthRoutes, { queues: deps.queues });
  await app.register(shopifyWebhookRoutes, {
    models: deps.models,
    producer: deps.producer,
    ledger: deps.ledger,
    catalog: deps.catalog,
    attribute: async (orderExternalId: string) => {
      await attributeOrder(
        { models: deps.models, bandits, windowDays: config.ATTRIBUTION_WINDOW_DAYS },
        orderExternalId,
      );
    },
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
  await app.register(mailgunWebhookRoutes, {
    models: deps.models,
    bandits,
    attributionWindowDays: config.ATTRIBUTION_WINDOW_DAYS,
    signingKey: config.MAILGUN_WEBHOOK_SIGNING_KEY,
    maxAgeS: config.MAILGUN_WEBHOOK_MAX_AGE_S,
    logger: deps.logger,
    onDeliverabilityEvent: breaker ? async () => void (await breaker.check()) : undefined,
  });
  if (breaker) {
    await app.register(sendingAdminRoutes, {
      breaker,
      credentials: { user: config.ADMIN_USER, password: config.ADMIN_PASSWORD },
    });
  }
  await registerBullBoard(app, deps.queues, { user: config.ADMIN_USER, password: config.ADMIN_PASSWORD });
  return app;
}
