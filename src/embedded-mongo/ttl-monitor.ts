import { pathValues } from './doc-paths.js';
import type { Storage } from './storage.js';

/**
 * Removes documents whose TTL index date has passed. mongod checks every 60 s; tests cannot
 * wait that long, so this runs every second by default.
 */
export function expireDocuments(storage: Storage, now = Date.now()): number {
  let removed = 0;
  for (const coll of storage.allCollections()) {
    for (const index of coll.indexes) {
      const seconds = index.spec.expireAfterSeconds;
      if (seconds === undefined || index.fields.length !== 1) continue;
      const field = index.fields[0] as string;
      const expired = [];
      for (const doc of coll.docs.values()) {
        const dates = pathValues(doc, field).filter((v): v is Date => v instanceof Date);
        if (dates.length === 0) continue;
        const earliest = Math.min(...dates.map((d) => d.getTime()));
        if (earliest + seconds * 1000 <= now) expired.push(doc);
      }
      for (const doc of expired) coll.remove(doc);
      removed += expired.length;
    }
  }
  return removed;
}

export function startTtlMonitor(storage: Storage, intervalMs: number, onRemoved: () => void): () => void {
  const timer = setInterval(() => {
    if (expireDocuments(storage) > 0) onRemoved();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
