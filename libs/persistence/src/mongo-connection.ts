import mongoose, { type Connection } from 'mongoose';

/** The process's database connection, as the worker's wiring holds it (only libs/persistence uses it). */
export type DatabaseConnection = Connection;

/**
 * One connection per process. Options stay within what FerretDB v1 and MongoDB 6+ both accept:
 * no transactions, no change streams; unique indexes and idempotent upserts instead.
 */
export async function connectMongo(uri: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
    maxPoolSize: 20,
  });
  await connection.asPromise();
  return connection;
}

/** Builds the indexes declared on the schemas (autoIndex is off so start-up order is explicit). */
export async function syncIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createIndexes();
  }
}
