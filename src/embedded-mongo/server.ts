import { Long, type Document } from 'bson';
import { createServer, type Server, type Socket } from 'node:net';
import { helloResponse } from './commands-admin.js';
import type { Engine } from './engine.js';
import {
  encodeOpMsg,
  encodeOpReply,
  FLAG_EXHAUST_ALLOWED,
  isMoreToCome,
  lastResponseId,
  MessageFramer,
  OP_MSG,
  OP_QUERY,
  parseMessage,
  type WireRequest,
} from './wire-protocol.js';

/**
 * The TCP front of the engine: frames messages, runs each command synchronously and writes the
 * reply. Streaming hello (the driver's server monitor) is answered every `maxAwaitTimeMS` with
 * moreToCome replies, as mongod does, until the socket closes.
 */
export class WireServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextConnectionId = 1;

  constructor(private readonly engine: Engine) {
    this.server = createServer((socket) => this.accept(socket));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  private accept(socket: Socket): void {
    const connectionId = this.nextConnectionId++;
    const framer = new MessageFramer();
    const timers = new Set<NodeJS.Timeout>();
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      let messages: Buffer[];
      try {
        messages = framer.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      const replies: Buffer[] = [];
      for (const message of messages) {
        const reply = this.handleSafely(message, connectionId, socket, timers);
        if (reply) replies.push(reply);
      }
      if (replies.length > 0 && !socket.destroyed)
        socket.write(replies.length === 1 ? (replies[0] as Buffer) : Buffer.concat(replies));
    });
    const cleanup = (): void => {
      for (const t of timers) {
        clearTimeout(t);
        this.timers.delete(t);
      }
      timers.clear();
      this.sockets.delete(socket);
    };
    socket.on('close', cleanup);
    socket.on('error', () => socket.destroy());
  }

  /** A bug in a handler or in encoding fails that one request, never the whole server. */
  private handleSafely(
    message: Buffer,
    connectionId: number,
    socket: Socket,
    timers: Set<NodeJS.Timeout>,
  ): Buffer | undefined {
    try {
      return this.handle(message, connectionId, socket, timers);
    } catch (error) {
      const errmsg = error instanceof Error ? error.message : String(error);
      return encodeOpMsg(message.readInt32LE(4), { ok: 0, errmsg, code: 1, codeName: 'InternalError' });
    }
  }

  private handle(
    message: Buffer,
    connectionId: number,
    socket: Socket,
    timers: Set<NodeJS.Timeout>,
  ): Buffer | undefined {
    let request: WireRequest;
    try {
      request = parseMessage(message);
    } catch (error) {
      const errmsg = error instanceof Error ? error.message : String(error);
      return encodeOpMsg(message.readInt32LE(4), { ok: 0, errmsg, code: 9, codeName: 'FailedToParse' });
    }
    if (request.opCode === OP_QUERY) {
      const db = (request.fullCollectionName ?? 'admin.$cmd').split('.')[0] ?? 'admin';
      const command = unwrapLegacy(request.command);
      return encodeOpReply(request.requestId, this.engine.run(db, command, connectionId));
    }
    if (request.opCode !== OP_MSG) {
      const errmsg = `Unsupported opcode ${request.opCode}; the embedded MongoDB test server speaks OP_MSG`;
      return encodeOpMsg(request.requestId, {
        ok: 0,
        errmsg,
        code: 352,
        codeName: 'UnsupportedOpQueryCommand',
      });
    }
    const { command } = request;
    const db = typeof command.$db === 'string' ? command.$db : 'admin';
    const name = Object.keys(command)[0] ?? '';
    if (
      (name === 'hello' || name.toLowerCase() === 'ismaster') &&
      command.topologyVersion &&
      command.maxAwaitTimeMS !== undefined
    ) {
      this.streamHello(request, connectionId, socket, timers);
      return undefined;
    }
    const response = this.engine.run(db, command, connectionId);
    return isMoreToCome(request) ? undefined : encodeOpMsg(request.requestId, response);
  }

  private streamHello(
    request: WireRequest,
    connectionId: number,
    socket: Socket,
    timers: Set<NodeJS.Timeout>,
  ): void {
    const legacy = Object.keys(request.command)[0] !== 'hello';
    const waitMs = toMs(request.command.maxAwaitTimeMS);
    const exhaust = (request.flags & FLAG_EXHAUST_ALLOWED) !== 0;
    let responseTo = request.requestId;
    const send = (): void => {
      timers.delete(timer);
      this.timers.delete(timer);
      if (socket.destroyed) return;
      const reply = helloResponse({ engine: this.engine, connectionId }, legacy);
      reply.$clusterTime = this.engine.run('admin', { ping: 1 }).$clusterTime as Document;
      socket.write(encodeOpMsg(responseTo, reply, exhaust));
      responseTo = lastResponseId();
      if (exhaust) schedule();
    };
    let timer: NodeJS.Timeout;
    const schedule = (): void => {
      timer = setTimeout(send, waitMs);
      timer.unref();
      timers.add(timer);
      this.timers.add(timer);
    };
    schedule();
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function toMs(value: unknown): number {
  const n = value instanceof Long ? value.toNumber() : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : 10_000;
}

/** Legacy OP_QUERY commands may arrive wrapped as `{ $query: {...}, $readPreference }`. */
function unwrapLegacy(command: Document): Document {
  const inner = command.$query;
  return inner && typeof inner === 'object' ? (inner as Document) : command;
}
