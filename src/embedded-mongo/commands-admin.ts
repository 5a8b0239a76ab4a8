import { Long, ObjectId, type Document } from 'bson';
import type { CommandContext, CommandHandler } from './engine.js';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE_BYTES } from './bson-limits.js';
import { commandError } from './errors.js';

/** Reported MongoDB version; wire version 21 is MongoDB 7.0, which driver 7 fully supports. */
export const SERVER_VERSION = '7.0.0';
export const MAX_WIRE_VERSION = 21;
export const LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

/** The hello/isMaster reply of a healthy single-node replica set primary. */
export function helloResponse(
  ctx: Pick<CommandContext, 'engine' | 'connectionId'>,
  legacy: boolean,
): Document {
  const { topology } = ctx.engine;
  const now = new Date();
  const opTime = { ts: ctx.engine.clusterTime, t: Long.fromNumber(1) };
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    helloOk: true,
    topologyVersion: { processId: topology.processId, counter: Long.ZERO },
    hosts: [topology.host],
    setName: topology.setName,
    setVersion: 1,
    secondary: false,
    primary: topology.host,
    me: topology.host,
    electionId: new ObjectId('7fffffff0000000000000001'),
    lastWrite: { opTime, lastWriteDate: now, majorityOpTime: opTime, majorityWriteDate: now },
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: now,
    logicalSessionTimeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

function requireAdmin(ctx: CommandContext, name: string): void {
  if (ctx.db !== 'admin') throw commandError(13, `${name} may only be run against the admin database.`);
}

export const adminCommands: Record<string, CommandHandler> = {
  hello: (ctx) => helloResponse(ctx, false),
  isMaster: (ctx) => helloResponse(ctx, true),
  ismaster: (ctx) => helloResponse(ctx, true),
  ping: () => ({ ok: 1 }),
  buildInfo: () => ({
    version: SERVER_VERSION,
    gitVersion: 'embedded',
    versionArray: SERVER_VERSION.split('.').map(Number).concat(0),
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['embedded'],
    modules: [],
    ok: 1,
  }),
  getParameter: (ctx) => {
    const { command } = ctx;
    const known: Document = {
      featureCompatibilityVersion: { version: '7.0' },
      transactionLifetimeLimitSeconds: 60,
      authenticationMechanisms: [],
    };
    if (command.getParameter === '*' || command.allParameters) return { ...known, ok: 1 };
    const out: Document = {};
    for (const key of Object.keys(command)) if (key in known) out[key] = known[key];
    return { ...out, ok: 1 };
  },
  serverStatus: (ctx) => ({
    host: ctx.engine.topology.host,
    version: SERVER_VERSION,
    process: 'mongod',
    pid: Long.fromNumber(process.pid),
    uptime: (Date.now() - ctx.engine.startedAt.getTime()) / 1000,
    localTime: new Date(),
    connections: { current: 0, available: 1000 },
    metrics: { cursor: { open: { total: Long.fromNumber(ctx.engine.cursors.size) } } },
    storageEngine: { name: 'embedded', supportsCommittedReads: true, persistent: false },
    ok: 1,
  }),
  hostInfo: () => ({ system: { hostname: '127.0.0.1', numCores: 1 }, os: { type: 'Linux' }, ok: 1 }),
  whatsmyuri: () => ({ you: '127.0.0.1:0', ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getCmdLineOpts: () => ({ argv: ['mongod'], parsed: {}, ok: 1 }),
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  getFreeMonitoringStatus: () => ({ state: 'disabled', ok: 1 }),
  logout: () => ({ ok: 1 }),
  endSessions: (ctx) => {
    ctx.engine.sessions.end((ctx.command.endSessions as unknown[]) ?? []);
    return { ok: 1 };
  },
  killSessions: (ctx) => {
    ctx.engine.sessions.end((ctx.command.killSessions as unknown[]) ?? []);
    return { ok: 1 };
  },
  refreshSessions: () => ({ ok: 1 }),
  commitTransaction: (ctx) => {
    requireAdmin(ctx, 'commitTransaction');
    ctx.engine.sessions.commit(ctx.command);
    ctx.engine.tick();
    ctx.engine.onWrite?.();
    return { ok: 1 };
  },
  abortTransaction: (ctx) => {
    requireAdmin(ctx, 'abortTransaction');
    ctx.engine.sessions.abort(ctx.command);
    return { ok: 1 };
  },
  listDatabases: (ctx) => {
    requireAdmin(ctx, 'listDatabases');
    const names = [...ctx.engine.storage.databases.keys()].sort();
    const filter = ctx.command.filter as Document | undefined;
    const databases = names
      .map((name) => ({ name, sizeOnDisk: 8192, empty: false }))
      .filter((d) => !filter || !filter.name || filter.name === d.name);
    if (ctx.command.nameOnly) return { databases: databases.map((d) => ({ name: d.name })), ok: 1 };
    return { databases, totalSize: databases.length * 8192, totalSizeMb: 0, ok: 1 };
  },
  dropDatabase: (ctx) => {
    ctx.engine.storage.dropDatabase(ctx.db);
    ctx.engine.tick();
    ctx.engine.onWrite?.();
    return { dropped: ctx.db, ok: 1 };
  },
  replSetGetConfig: (ctx) => ({
    config: {
      _id: ctx.engine.topology.setName,
      version: 1,
      members: [{ _id: 0, host: ctx.engine.topology.host }],
    },
    ok: 1,
  }),
};
