import { Redis } from 'ioredis';

/** BullMQ workers block on Redis, so commands must never give up on their own. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}
