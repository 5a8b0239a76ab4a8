import { ObjectId } from 'bson';
import { Engine } from './engine.js';
import { Persistence } from './persistence.js';
import { WireServer } from './server.js';
import { startTtlMonitor } from './ttl-monitor.js';

/** Options of {@link startEmbeddedMongo}. */
export interface EmbeddedMongoOptions {
  /** TCP port on 127.0.0.1. @defaultValue 0 (a free port chosen by the OS) */
  port?: number;
  /** Directory for persistence; data is loaded from it at start and saved after writes and on close. @defaultValue in memory only */
  dir?: string;
  /** How often TTL indexes are checked, in milliseconds. @defaultValue 1000 */
  ttlIntervalMs?: number;
}

/** A running embedded server. */
export interface EmbeddedMongo {
  /** Connection string for mongoose / the driver. */
  uri: string;
  port: number;
  /** Saves (when persistent), then closes every socket and timer. */
  close(): Promise<void>;
}

export const REPLICA_SET_NAME = 'rs0';

/**
 * Starts a MongoDB-wire-compatible server that presents itself as a single-node replica set,
 * so mongoose can use sessions, transactions and retryable writes against it. For tests, CI
 * and the local demo only: never production.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = '127.0.0.1';
  const topology = { host: '', setName: REPLICA_SET_NAME, processId: new ObjectId() };
  const engine = new Engine(topology);
  const persistence = options.dir ? new Persistence(engine.storage, options.dir) : undefined;
  persistence?.load();
  if (persistence) engine.onWrite = () => persistence.scheduleSave();
  const server = new WireServer(engine);
  const port = await server.listen(options.port ?? 0, host);
  topology.host = `${host}:${port}`;
  const stopTtl = startTtlMonitor(engine.storage, options.ttlIntervalMs ?? 1000, () => engine.onWrite?.());
  const reaper = setInterval(() => {
    engine.cursors.reap(10 * 60_000);
    engine.sessions.reap(30 * 60_000);
  }, 60_000);
  reaper.unref();
  let closed: Promise<void> | undefined;
  return {
    uri: `mongodb://${host}:${port}/?directConnection=true`,
    port,
    close() {
      closed ??= (async () => {
        stopTtl();
        clearInterval(reaper);
        await server.close();
        persistence?.saveNow();
      })();
      return closed;
    },
  };
}

export { Engine } from './engine.js';
