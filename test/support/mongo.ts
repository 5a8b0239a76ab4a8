import { startEmbeddedMongo } from '../../src/embedded-mongo/index.js';

/**
 * A MongoDB for integration tests: MONGO_URL when it is set (a real server, close is a no-op),
 * otherwise a fresh in-memory embedded server that `close()` shuts down.
 */
export async function testMongo(): Promise<{ uri: string; close(): Promise<void> }> {
  const url = process.env.MONGO_URL;
  if (url) return { uri: url, close: async () => {} };
  const server = await startEmbeddedMongo();
  return { uri: server.uri, close: () => server.close() };
}
