import { createTickBatcher, type TickBatcherOptions } from './tick-batcher.js';

/**
 * DataLoader-style batching for hot reads: keys asked for by concurrent jobs in one tick (or up to
 * `maxBatch` of them) become one `$in` query whose results are fanned back out. No caching across
 * batches, so every caller sees data read after it asked (consent and suppression stay fresh).
 */
export interface BatchLoader<K, V> {
  load(key: K): Promise<V>;
}

export type BatchLoaderOptions = TickBatcherOptions;

export function createBatchLoader<K, V>(
  loadMany: (keys: K[]) => Promise<Map<K, V>>,
  missing: V,
  options: BatchLoaderOptions = {},
): BatchLoader<K, V> {
  const load = createTickBatcher(async (keys: K[]) => {
    const found = await loadMany([...new Set(keys)]);
    return keys.map((k) => found.get(k) ?? missing);
  }, options);
  return { load };
}
