/**
 * Coalesces calls made by concurrent jobs in the same event-loop turn (or up to `maxBatch` of them)
 * into one call of `run`, which answers every item in order. It is the write-side sibling of
 * `createBatchLoader`: nothing is keyed or de-duplicated, each caller gets its own answer, and a
 * failed batch fails every caller (so each job's own retry logic still applies).
 */
export interface TickBatcherOptions {
  /** Most items in one batch. @defaultValue 100 */
  maxBatch?: number;
}

export function createTickBatcher<I, O>(
  run: (items: I[]) => Promise<O[]>,
  options: TickBatcherOptions = {},
): (item: I) => Promise<O> {
  const maxBatch = options.maxBatch ?? 100;
  type Waiter = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  let pending: Waiter[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    run(batch.map((w) => w.item)).then(
      (results) => {
        if (results.length !== batch.length) {
          const err = new Error(`batch answered ${results.length} of ${batch.length} items`);
          for (const w of batch) w.reject(err);
          return;
        }
        batch.forEach((w, i) => w.resolve(results[i] as O));
      },
      (err: unknown) => {
        for (const w of batch) w.reject(err);
      },
    );
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= maxBatch) flush();
      else if (!scheduled) {
        scheduled = true;
        // setImmediate, not a microtask: jobs woken by one Redis reply arrive in different microtask
        // turns, and waiting for the next macrotask lets them all join.
        setImmediate(flush);
      }
    });
}
