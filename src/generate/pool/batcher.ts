/** Options for a micro-batcher. */
export interface BatcherOptions<Req, Res> {
  /** Largest batch (B). */
  maxBatch: number;
  /** Longest a request waits for others before a smaller batch runs (W, ms). */
  maxWaitMs: number;
  /** Runs one batch; returns one result or Error per request, in order. */
  run(batch: Req[]): Promise<(Res | Error)[]>;
}

export interface BatcherStats {
  batches: number;
  items: number;
  /** Largest batch run so far. */
  maxBatchSeen: number;
}

export interface Batcher<Req, Res> {
  submit(request: Req): Promise<Res>;
  readonly stats: BatcherStats;
  /** Waits for queued and running work, then refuses new requests. */
  close(): Promise<void>;
}

interface Pending<Req, Res> {
  request: Req;
  enqueuedAt: number;
  resolve(value: Res): void;
  reject(err: Error): void;
}

/**
 * Collects concurrent requests into batches: a batch runs when B requests are waiting or the
 * oldest has waited W ms. One batch runs at a time (one model per process keeps a device busy);
 * requests that arrive meanwhile form the next batch.
 */
export function createBatcher<Req, Res>(options: BatcherOptions<Req, Res>): Batcher<Req, Res> {
  const queue: Pending<Req, Res>[] = [];
  const stats: BatcherStats = { batches: 0, items: 0, maxBatchSeen: 0 };
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const runNext = (): void => {
    if (running || queue.length === 0) return;
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    const batch = queue.splice(0, options.maxBatch);
    stats.batches++;
    stats.items += batch.length;
    stats.maxBatchSeen = Math.max(stats.maxBatchSeen, batch.length);
    running = (async () => {
      try {
        const results = await options.run(batch.map((p) => p.request));
        batch.forEach((p, i) => {
          const r = results[i];
          if (r instanceof Error) p.reject(r);
          else if (r === undefined) p.reject(new Error('batch returned too few results'));
          else p.resolve(r);
        });
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        for (const p of batch) p.reject(e);
      } finally {
        running = undefined;
        schedule();
      }
    })();
  };

  const schedule = (): void => {
    if (running || queue.length === 0) return;
    if (queue.length >= options.maxBatch || closed || options.maxWaitMs <= 0) {
      runNext();
      return;
    }
    // W counts from the oldest request, so time spent queued behind a running batch counts too.
    const age = Date.now() - (queue[0]?.enqueuedAt ?? Date.now());
    timer ??= setTimeout(
      () => {
        timer = undefined;
        runNext();
      },
      Math.max(0, options.maxWaitMs - age),
    );
  };

  return {
    stats,
    submit(request: Req): Promise<Res> {
      if (closed) return Promise.reject(new Error('batcher is closed'));
      return new Promise<Res>((resolve, reject) => {
        queue.push({ request, enqueuedAt: Date.now(), resolve, reject });
        schedule();
      });
    },
    async close(): Promise<void> {
      closed = true;
      schedule();
      while (running || queue.length > 0) {
        if (running) await running;
        else runNext();
      }
      if (timer) clearTimeout(timer);
    },
  };
}
