import type { Document } from 'bson';
import { deserializeDoc } from './bson-codec.js';
import { MAX_BSON_OBJECT_SIZE, noteIfOversized, noteOversizedInline, serializeReply } from './bson-limits.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const FLAG_CHECKSUM_PRESENT = 1;
const FLAG_MORE_TO_COME = 2;
export const FLAG_EXHAUST_ALLOWED = 1 << 16;

/** One request as the server understands it, whichever opcode carried it. */
export interface WireRequest {
  requestId: number;
  opCode: number;
  flags: number;
  /** The command document with kind-1 document sequences already merged in as arrays. */
  command: Document;
  /** For OP_QUERY: the full collection name such as `admin.$cmd`. */
  fullCollectionName?: string;
}

/**
 * Splits a growing byte stream into complete messages. Sockets deliver arbitrary chunks, so a
 * message may span several `data` events or one event may hold several messages.
 */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private length = 0;

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.length += chunk.length;
    const out: Buffer[] = [];
    let buffer = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks, this.length);
    while (buffer.length >= 4) {
      const size = buffer.readInt32LE(0);
      if (size < 16) throw new Error(`invalid message length ${size}`);
      if (buffer.length < size) break;
      out.push(buffer.subarray(0, size));
      buffer = buffer.subarray(size);
    }
    this.chunks = buffer.length > 0 ? [buffer] : [];
    this.length = buffer.length;
    return out;
  }
}

function readCString(buffer: Buffer, offset: number): [string, number] {
  const end = buffer.indexOf(0, offset);
  if (end < 0) throw new Error('unterminated cstring');
  return [buffer.toString('utf8', offset, end), end + 1];
}

function readDocument(buffer: Buffer, offset: number): [Document, number] {
  const size = buffer.readInt32LE(offset);
  const doc = deserializeDoc(buffer.subarray(offset, offset + size));
  noteIfOversized(doc, size);
  return [doc, offset + size];
}

/** Parses OP_MSG and OP_QUERY messages; other opcodes are answered with an error by the caller. */
export function parseMessage(message: Buffer): WireRequest {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) {
    const flags = message.readUInt32LE(16);
    // The CRC-32C trailer is only a transport check on loopback; skip it rather than verify.
    const end = flags & FLAG_CHECKSUM_PRESENT ? message.length - 4 : message.length;
    let offset = 20;
    let command: Document | undefined;
    const sequences: Array<[string, Document[]]> = [];
    while (offset < end) {
      const kind = message.readUInt8(offset);
      offset += 1;
      if (kind === 0) {
        [command, offset] = readDocument(message, offset);
      } else if (kind === 1) {
        const sectionEnd = offset + message.readInt32LE(offset);
        const [identifier, start] = readCString(message, offset + 4);
        let cursor = start;
        const docs: Document[] = [];
        while (cursor < sectionEnd) {
          let doc: Document;
          [doc, cursor] = readDocument(message, cursor);
          docs.push(doc);
        }
        sequences.push([identifier, docs]);
        offset = sectionEnd;
      } else {
        throw new Error(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!command) throw new Error('OP_MSG without a body section');
    if (message.length > MAX_BSON_OBJECT_SIZE) noteOversizedInline(command);
    for (const [identifier, docs] of sequences) command[identifier] = docs;
    return { requestId, opCode, flags, command };
  }
  if (opCode === OP_QUERY) {
    const flags = message.readInt32LE(16);
    const [fullCollectionName, offset] = readCString(message, 20);
    const [command] = readDocument(message, offset + 8);
    return { requestId, opCode, flags, command, fullCollectionName };
  }
  return { requestId, opCode, flags: 0, command: {} };
}

let nextResponseId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const buffer = Buffer.allocUnsafe(16);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(nextResponseId++ & 0x7fffffff, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

/** Encodes a reply as OP_MSG with one body section. */
export function encodeOpMsg(responseTo: number, doc: Document, moreToCome = false): Buffer {
  const body = serializeReply(doc);
  const head = header(16 + 4 + 1 + body.length, responseTo, OP_MSG);
  const flags = Buffer.allocUnsafe(5);
  flags.writeUInt32LE(moreToCome ? FLAG_MORE_TO_COME : 0, 0);
  flags.writeUInt8(0, 4);
  return Buffer.concat([head, flags, body]);
}

/** Encodes a reply to a legacy OP_QUERY (only used for the handshake). */
export function encodeOpReply(responseTo: number, doc: Document): Buffer {
  const body = serializeReply(doc);
  const head = header(16 + 20 + body.length, responseTo, OP_REPLY);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(8, 0); // AwaitCapable, as servers answer
  fields.writeInt32LE(1, 16); // numberReturned
  return Buffer.concat([head, fields, body]);
}

export function isMoreToCome(request: WireRequest): boolean {
  return request.opCode === OP_MSG && (request.flags & FLAG_MORE_TO_COME) !== 0;
}

/** Returns the wire id of the last encoded reply, which exhaust replies chain on. */
export function lastResponseId(): number {
  return (nextResponseId - 1) & 0x7fffffff;
}
