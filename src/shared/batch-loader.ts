/**
 * DataLoader-style batching for hot reads: keys asked for by concurrent jobs in one tick (or up to
 * `maxBatch` of them) become one `$in` query whose results are fanned back out. No caching across
 * batches, so every caller sees data read after it asked (consent and suppression stay fresh).
 */
export interface BatchLoader<K, V> {
  load(key: K): Promise<V>;
}

export interface BatchLoaderOptions {
  /** Most keys in one query. @defaultValue 100 */
  maxBatch?: number;
}

export function createBatchLoader<K, V>(
  loadMany: (keys: K[]) => Promise<Map<K, V>>,
  missing: V,
  options: BatchLoaderOptions = {},
): BatchLoader<K, V> {
  const maxBatch = options.maxBatch ?? 100;
  let pending = new Map<K, Array<{ resolve: (v: V) => void; reject: (e: unknown) => void }>>();
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const batch = pending;
    pending = new Map();
    if (batch.size === 0) return;
    loadMany([...batch.keys()]).then(
      (found) => {
        for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key) ?? missing);
      },
      (err: unknown) => {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
      },
    );
  }

  return {
    load(key) {
      return new Promise<V>((resolve, reject) => {
        const waiters = pending.get(key);
        if (waiters) waiters.push({ resolve, reject });
        else pending.set(key, [{ resolve, reject }]);
        if (pending.size >= maxBatch) flush();
        else if (!scheduled) {
          scheduled = true;
          // setImmediate, not a microtask: jobs started by the same Redis reply reach this point
          // in different microtask turns, and one tick lets them all join the batch.
          setImmediate(flush);
        }
      });
    },
  };
}
