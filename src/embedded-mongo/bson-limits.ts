import { BSON, type Document } from 'bson';
import { commandError, type MongoCommandError } from './errors.js';

/** mongod's limits, as hello reports them. */
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;
/** Commands and replies may exceed a user document by this much (mongod's BSONObjMaxInternalSize). */
export const MAX_INTERNAL_SIZE = MAX_BSON_OBJECT_SIZE + 16 * 1024;

/**
 * Sizes of received documents over the limit. The driver checks `insertMany` batches itself but
 * lets a single over-sized document through, which mongod refuses; noting them while parsing
 * keeps the common path free of size computations (only messages over the limit are looked at).
 */
const oversized = new WeakMap<object, number>();

export function noteIfOversized(doc: Document, size: number): void {
  if (size > MAX_BSON_OBJECT_SIZE) oversized.set(doc, size);
}

/** For a command body over the limit: the documents it carries inline. */
export function noteOversizedInline(command: Document): void {
  for (const field of ['documents', 'updates']) {
    const list = command[field] as unknown;
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (item && typeof item === 'object') noteIfOversized(item as Document, BSON.calculateObjectSize(item));
      const u = (item as Document | null)?.u as unknown;
      if (field === 'updates' && u && typeof u === 'object')
        noteIfOversized(u as Document, BSON.calculateObjectSize(u as Document));
    }
  }
}

/** The error mongod answers for a document over 16 MiB, or undefined when `doc` is fine. */
export function tooLargeError(doc: Document): MongoCommandError | undefined {
  const size = oversized.get(doc);
  if (size === undefined) return undefined;
  return commandError(
    10334,
    `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`,
  );
}

/**
 * BSON.serialize writes into a shared 17 MiB buffer; a reply can legitimately be larger (a
 * 16 MiB document plus the envelope), so those are sized first and written into their own.
 */
export function serializeReply(doc: Document): Uint8Array {
  try {
    return BSON.serialize(doc, { ignoreUndefined: true });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const size = BSON.calculateObjectSize(doc, { ignoreUndefined: true });
    const buffer = Buffer.alloc(size);
    BSON.serializeWithBufferAndIndex(doc, buffer, { ignoreUndefined: true });
    return buffer;
  }
}

/** mongod's error for an update whose statement or result would pass 16 MiB. */
export function updateTooLargeError(statement: Document): MongoCommandError | undefined {
  if (!oversized.has(statement) && !(statement.u && oversized.has(statement.u as object))) return undefined;
  return commandError(17419, `Resulting document after update is larger than ${MAX_BSON_OBJECT_SIZE}`);
}
