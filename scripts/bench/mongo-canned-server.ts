import { Long, ObjectId, type Document } from 'bson';
import { createServer, type Socket } from 'node:net';
import { helloResponse } from '../../src/embedded-mongo/commands-admin.js';
import { Engine } from '../../src/embedded-mongo/engine.js';
import { REPLICA_SET_NAME } from '../../src/embedded-mongo/index.js';
import {
  encodeOpMsg,
  encodeOpReply,
  MessageFramer,
  OP_MSG,
  OP_QUERY,
  parseMessage,
} from '../../src/embedded-mongo/wire-protocol.js';

/**
 * The client ceiling for `bench:mongo`: a wire server that answers every `find` with the same
 * pre-serialised one-document reply, without parsing the request or touching any data. Whatever
 * findOne rate mongoose reaches against it is the most the client stack on this machine can
 * drive; the real server's rate is read against that. Everything else (handshake, createIndexes,
 * endSessions, dropDatabase) goes to a real engine so the client sees what our server says, and
 * the monitor's streaming hello is answered on the same schedule as our server does.
 *
 * Run as a child process (`--port 0`); it prints its URI like `scripts/mongo-embedded.ts`.
 */
const OP_MSG_KIND = 20; // after the header (16) and flagBits (4)

const port = Number(process.argv[process.argv.indexOf('--port') + 1] ?? 0);
const topology = { host: '', setName: REPLICA_SET_NAME, processId: new ObjectId() };
const engine = new Engine(topology);

/** The fixed reply; only its requestId and responseTo are patched per request. */
const cannedFind = encodeOpMsg(0, {
  cursor: {
    firstBatch: [{ _id: new ObjectId(), sku: 'sku-1', price: 1, stock: 1, tags: ['a'], __v: 0 }],
    id: Long.ZERO,
    ns: 'bench.items',
  },
  ok: 1,
});
let nextId = 1;

/** True when the OP_MSG body's first key is `find`, read straight from the bytes. */
function isFind(message: Buffer): boolean {
  return (
    message.length > OP_MSG_KIND + 11 &&
    message.readInt32LE(12) === OP_MSG &&
    message[OP_MSG_KIND] === 0 && // a body section, whose document's length (4 bytes) is followed by
    message[OP_MSG_KIND + 5] === 0x02 && // a first element that is a string ...
    message.toString('latin1', OP_MSG_KIND + 6, OP_MSG_KIND + 11) === 'find\0' // ... named find
  );
}

function cannedReply(message: Buffer): Buffer {
  const reply = Buffer.from(cannedFind);
  reply.writeInt32LE(nextId++ & 0x7fffffff, 4);
  reply.writeInt32LE(message.readInt32LE(4), 8);
  return reply;
}

function answer(message: Buffer, connectionId: number, socket: Socket): Buffer | undefined {
  if (isFind(message)) return cannedReply(message);
  const request = parseMessage(message);
  const command = request.command;
  if (request.opCode === OP_QUERY) return encodeOpReply(request.requestId, engine.run('admin', command));
  if (command.topologyVersion && command.maxAwaitTimeMS !== undefined) {
    // The driver's monitor: answer once per maxAwaitTimeMS, as the real server does.
    const timer = setTimeout(() => {
      if (!socket.destroyed)
        socket.write(encodeOpMsg(request.requestId, helloResponse({ engine, connectionId }, false)));
    }, Number(command.maxAwaitTimeMS));
    timer.unref();
    return undefined;
  }
  const db = typeof command.$db === 'string' ? command.$db : 'admin';
  return encodeOpMsg(request.requestId, engine.run(db, command as Document, connectionId));
}

let connections = 0;
const server = createServer((socket) => {
  const connectionId = ++connections;
  const framer = new MessageFramer();
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    const replies: Buffer[] = [];
    for (const message of framer.push(chunk)) {
      const reply = answer(message, connectionId, socket);
      if (reply) replies.push(reply);
    }
    if (replies.length > 0)
      socket.write(replies.length === 1 ? (replies[0] as Buffer) : Buffer.concat(replies));
  });
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  topology.host = `127.0.0.1:${actual}`;
  process.stdout.on('error', () => {});
  console.log(`mongodb://127.0.0.1:${actual}/?directConnection=true`);
});
process.on('SIGTERM', () => process.exit(0));
