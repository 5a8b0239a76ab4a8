import { Binary, Long, ObjectId, Timestamp, type Document } from 'bson';
import { adminCommands } from './commands-admin.js';
import { catalogCommands } from './commands-catalog.js';
import { readCommands } from './commands-read.js';
import { writeCommands } from './commands-write.js';
import { CursorStore } from './cursors.js';
import { commandError, toCommandError, type MongoCommandError } from './errors.js';
import { SessionManager, type CommandScope } from './sessions.js';
import { Storage } from './storage.js';

/** Everything a command handler may use. */
export interface CommandContext {
  db: string;
  command: Document;
  scope: CommandScope;
  engine: Engine;
  connectionId: number;
}

export type CommandHandler = (ctx: CommandContext) => Document;

const HANDLERS: Record<string, CommandHandler> = {
  ...adminCommands,
  ...catalogCommands,
  ...readCommands,
  ...writeCommands,
};

const LOWERCASE = new Map(Object.keys(HANDLERS).map((name) => [name.toLowerCase(), name]));

/** Commands the driver may send that belong to features this server leaves out. */
const UNSUPPORTED = new Set([
  'mapReduce',
  'geoNear',
  'geoSearch',
  'text',
  'saslStart',
  'saslContinue',
  'authenticate',
  'createUser',
  'dropUser',
  'updateUser',
  'createRole',
  'shardCollection',
  'replSetGetStatus',
  'replSetInitiate',
  'replSetReconfig',
  'applyOps',
  'eval',
  'fsync',
  'compact',
  'validate',
  'createSearchIndexes',
  'listSearchIndexes',
  'dropSearchIndex',
  'updateSearchIndex',
  'bulkWrite',
]);

/** Commands allowed inside a transaction besides plain CRUD. */
const TXN_FORBIDDEN = new Set([
  'createIndexes',
  'drop',
  'dropDatabase',
  'dropIndexes',
  'listCollections',
  'listIndexes',
  'count',
]);

/** Clients only echo the signature back; without auth it is all zeros, as on mongod. */
const SIGNATURE = { hash: new Binary(Buffer.alloc(20)), keyId: Long.ZERO };

export interface TopologyInfo {
  host: string;
  setName: string;
  processId: ObjectId;
}

/**
 * The database engine behind the wire protocol: storage, cursors, sessions and the command
 * table. It knows nothing about sockets, so it can be driven directly.
 */
export class Engine {
  readonly storage = new Storage();
  readonly cursors = new CursorStore();
  readonly sessions = new SessionManager(this.storage);
  readonly startedAt = new Date();
  private clock = 0;
  private lastSecond = 0;
  private operationTime = new Timestamp({ t: Math.floor(Date.now() / 1000), i: 1 });
  /** Called after every successful write command, for persistence. */
  onWrite: (() => void) | undefined;

  constructor(readonly topology: TopologyInfo) {}

  /** Advances the cluster time; writes get a fresh timestamp as on a replica set. */
  tick(): Timestamp {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.lastSecond) {
      this.lastSecond = second;
      this.clock = 0;
    }
    this.operationTime = new Timestamp({ t: second, i: ++this.clock });
    return this.operationTime;
  }

  get clusterTime(): Timestamp {
    return this.operationTime;
  }

  run(db: string, command: Document, connectionId = 0): Document {
    const first = Object.keys(command)[0] ?? '';
    const name = HANDLERS[first] ? first : LOWERCASE.get(first.toLowerCase());
    let scope: CommandScope | undefined;
    let response: Document;
    try {
      if (!name) {
        if (UNSUPPORTED.has(first)) {
          throw commandError(115, `command ${first} is not supported by the embedded MongoDB test server`);
        }
        throw commandError(59, `no such command: '${first}'`);
      }
      scope = this.sessions.scope(command);
      if (scope.txn && TXN_FORBIDDEN.has(name)) {
        throw commandError(263, `Cannot run '${name}' in a multi-document transaction.`);
      }
      const handler = HANDLERS[name] as CommandHandler;
      response = handler({ db, command, scope, engine: this, connectionId });
    } catch (error) {
      const err: MongoCommandError = toCommandError(error);
      // Any failed statement aborts the transaction; only errors that carry the label are retried.
      if (scope?.txn) this.sessions.abortOnError(scope.txn);
      response = err.toResponse();
    }
    if (response.writeErrors && scope?.txn) this.sessions.abortOnError(scope.txn);
    response.$clusterTime = { clusterTime: this.operationTime, signature: SIGNATURE };
    response.operationTime = this.operationTime;
    return response;
  }
}
