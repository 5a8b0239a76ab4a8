import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { connectDatabase, type Database } from '../db/connection.js';
import { startEmbeddedMongo } from '../embedded-mongo/index.js';
import { createGenerator } from '../generate/create-generator.js';
import type { Logger } from '../logger.js';
import { createEnqueue } from '../queues/enqueue.js';
import { createQueues, type Queues } from '../queues/queues.js';
import { createRedis } from '../queues/redis.js';
import { createMailgunTransport, createOutboxTransport, type Transport } from '../send/transports/index.js';
import { createPipelineDeps, type PipelineDeps } from './pipeline-deps.js';

export interface Runtime {
  config: Config;
  db: Database;
  redis: Redis;
  queues: Queues;
  deps: PipelineDeps;
  /** The MongoDB URI in use: MONGO_URL, or the embedded server started for this process. */
  mongoUri: string;
  embeddedMongo: boolean;
  close(): Promise<void>;
}

export function createTransport(config: Config, logger: Logger): Transport {
  if (config.MAILGUN_API_KEY) {
    return createMailgunTransport({
      apiKey: config.MAILGUN_API_KEY,
      domain: config.MAILGUN_DOMAIN,
      url: config.MAILGUN_URL,
      timeoutMs: config.MAILGUN_TIMEOUT_MS,
      rateLimitPauseMs: config.MAILGUN_RATE_LIMIT_PAUSE_MS,
      logger,
    });
  }
  return createOutboxTransport({ dir: config.OUTBOX_DIR, logger });
}

/**
 * Opens everything a process of the pipeline needs. Without MONGO_URL it starts the embedded
 * development MongoDB in this process (never for production). Closing releases it all in reverse.
 */
export async function openRuntime(
  config: Config,
  logger: Logger,
  overrides: { transport?: Transport } = {},
): Promise<Runtime> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const c of closers.reverse())
      await c().catch((err) => logger.warn({ err: String(err) }, 'close failed'));
  };
  try {
    let mongoUri = config.MONGO_URL;
    if (!mongoUri) {
      const embedded = await startEmbeddedMongo({ dir: config.EMBEDDED_MONGO_DIR });
      closers.push(() => embedded.close());
      mongoUri = embedded.uri;
      logger.info(
        { uri: mongoUri, persistent: Boolean(config.EMBEDDED_MONGO_DIR) },
        'started embedded MongoDB (development only)',
      );
    }
    const db = await connectDatabase(mongoUri);
    closers.push(() => db.close());
    const redis = createRedis(config.REDIS_URL);
    closers.push(async () => void (await redis.quit()));
    const queues = createQueues(redis, config.QUEUE_PREFIX);
    closers.push(() => queues.close());
    const { enqueue, enqueueBulk } = createEnqueue(queues);
    const generator = await createGenerator(config, logger);
    closers.push(() => generator.close());
    const transport = overrides.transport ?? createTransport(config, logger);
    closers.push(() => transport.close());
    const deps = createPipelineDeps({ config, db, generator, transport, enqueue, enqueueBulk, logger });
    return { config, db, redis, queues, deps, mongoUri, embeddedMongo: !config.MONGO_URL, close };
  } catch (err) {
    await close();
    throw err;
  }
}
