import mongoose, { type Connection } from 'mongoose';
import { createModels, type Models } from './models/index.js';

export interface Database {
  connection: Connection;
  models: Models;
  close(): Promise<void>;
}

/**
 * Opens a dedicated mongoose connection (not the global default) so several databases can live in
 * one process (tests) and closing it releases everything it opened.
 */
export async function connectDatabase(uri: string, options: { dbName?: string } = {}): Promise<Database> {
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
  });
  await connection.asPromise();
  const models = createModels(connection);
  await Promise.all(Object.values(models).map((m) => m.init()));
  return {
    connection,
    models,
    close: () => connection.close(),
  };
}
