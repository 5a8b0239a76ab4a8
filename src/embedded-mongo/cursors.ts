import { BSON, Long, type Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE } from './bson-limits.js';
import { commandError } from './errors.js';

const DEFAULT_FIRST_BATCH = 101;
/**
 * A batch ends before the document that would take it past 16 MiB, as mongod's do, so a reply
 * (batch plus a small envelope) stays within the internal limit; a lone larger document still
 * goes out alone. Each array entry also costs its type byte, index key and terminator.
 */
const MAX_BATCH_BYTES = MAX_BSON_OBJECT_SIZE;

interface OpenCursor {
  id: Long;
  ns: string;
  docs: Document[];
  position: number;
  lastUse: number;
}

function takeBatch(cursor: Pick<OpenCursor, 'docs' | 'position'>, batchSize: number | undefined): Document[] {
  const limit = batchSize && batchSize > 0 ? batchSize : Infinity;
  const out: Document[] = [];
  let bytes = 0;
  while (cursor.position < cursor.docs.length && out.length < limit) {
    const doc = cursor.docs[cursor.position] as Document;
    bytes += BSON.calculateObjectSize(doc) + 8;
    if (bytes > MAX_BATCH_BYTES && out.length > 0) break;
    out.push(doc);
    cursor.position++;
  }
  return out;
}

/**
 * Open cursors. Results are materialised when the cursor opens (documents are immutable, so
 * this is a stable snapshot) and handed out batch by batch.
 */
export class CursorStore {
  private readonly cursors = new Map<string, OpenCursor>();
  private nextId = 1;

  /** Builds a `{ cursor: { id, ns, firstBatch } }` reply and keeps the rest for getMore. */
  open(ns: string, docs: Document[], batchSize: number | undefined, singleBatch = false): Document {
    const state = { docs, position: 0 };
    const firstBatch = takeBatch(state, batchSize === undefined ? DEFAULT_FIRST_BATCH : batchSize);
    let id = Long.ZERO;
    if (!singleBatch && state.position < docs.length) {
      id = Long.fromNumber(this.nextId++);
      this.cursors.set(id.toString(), { id, ns, docs, position: state.position, lastUse: Date.now() });
    }
    return { cursor: { firstBatch, id, ns }, ok: 1 };
  }

  getMore(id: Long, ns: string, batchSize: number | undefined): Document {
    const cursor = this.cursors.get(id.toString());
    if (!cursor) throw commandError(43, `cursor id ${id.toString()} not found`);
    if (cursor.ns !== ns) {
      throw commandError(
        13,
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    cursor.lastUse = Date.now();
    const nextBatch = takeBatch(cursor, batchSize);
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.cursors.delete(id.toString());
    return { cursor: { nextBatch, id: exhausted ? Long.ZERO : cursor.id, ns }, ok: 1 };
  }

  kill(ns: string, ids: Long[]): Document {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const key = Long.fromValue(id as never).toString();
      const cursor = this.cursors.get(key);
      if (cursor && cursor.ns === ns) {
        this.cursors.delete(key);
        killed.push(id);
      } else {
        notFound.push(id);
      }
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  /** Drops cursors idle for longer than `idleMs` (mongod's default is 10 minutes). */
  reap(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (const [key, c] of this.cursors) if (c.lastUse < cutoff) this.cursors.delete(key);
  }

  get size(): number {
    return this.cursors.size;
  }
}
