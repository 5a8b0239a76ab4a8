import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { openRuntime, type Runtime } from '../../../src/runtime/open-runtime.js';
import { buildHttpForRuntime } from '../../../src/runtime/start-http.js';
import { testMongo } from '../../support/mongo.js';
import { REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { withDatabase } from '../../support/wait.js';

export const SHOPIFY_SECRET = 'test-shopify-secret';

export interface HttpHarness {
  app: FastifyInstance;
  runtime: Runtime;
  close(): Promise<void>;
}

/** The production HTTP app on a real MongoDB and real Redis queues, exercised in-process with inject(). */
export async function startHttpHarness(name: string): Promise<HttpHarness> {
  const mongo = await testMongo();
  const redis = uniquePrefix(name);
  const config = parseConfig({
    MONGO_URL: withDatabase(mongo.uri, `${name}_${redis.prefix.slice(-8)}`),
    REDIS_URL,
    QUEUE_PREFIX: redis.prefix,
    SHOPIFY_WEBHOOK_SECRET: SHOPIFY_SECRET,
    ADMIN_USER: 'ops',
    ADMIN_PASSWORD: 'board-secret',
    GENERATOR: 'composer',
    OUTBOX_DIR: `/tmp/${redis.prefix}-outbox`,
    LOG_LEVEL: 'silent',
  });
  const logger = createLogger('test', 'silent');
  const runtime = await openRuntime(config, logger);
  const app = await buildHttpForRuntime(runtime, logger);
  await app.ready();
  return {
    app,
    runtime,
    async close() {
      await app.close();
      await runtime.db.connection.dropDatabase().catch(() => undefined);
      await runtime.close();
      await redis.cleanup();
      await mongo.close();
    },
  };
}
