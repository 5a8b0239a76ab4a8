import { randomBytes } from 'node:crypto';
import type { MongoServerError } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, it } from 'vitest';
import { testMongo } from '../../support/mongo.js';

/**
 * One mongoose connection per test file on its own database (embedded server unless MONGO_URL
 * is set); the database is dropped and everything closed after the file.
 */
export function useMongo(prefix: string): { conn: () => Connection; uri: () => string } {
  let server: Awaited<ReturnType<typeof testMongo>> | undefined;
  let conn: Connection | undefined;
  beforeAll(async () => {
    server = await testMongo();
    const dbName = `${prefix}_${randomBytes(4).toString('hex')}`;
    conn = await mongoose.createConnection(server.uri, { dbName }).asPromise();
  });
  afterAll(async () => {
    await conn?.dropDatabase();
    await conn?.close();
    await server?.close();
  });
  return {
    conn: () => {
      if (!conn) throw new Error('connection not ready');
      return conn;
    },
    uri: () => server?.uri ?? '',
  };
}

/**
 * For tests of what the embedded server deliberately refuses (change streams, text search, server
 * JavaScript ...): a real MongoDB behind MONGO_URL supports those, so there they are skipped.
 */
export const embeddedOnly = it.skipIf(Boolean(process.env.MONGO_URL));

/** The server error a command fails with; throws when it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<MongoServerError> {
  try {
    await promise;
  } catch (error) {
    return error as MongoServerError;
  }
  throw new Error('expected the command to fail');
}
