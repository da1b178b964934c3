import type { Collection } from 'mongodb';
import type { Connection, Model, Schema } from 'mongoose';

/**
 * What every repository of one collection starts from: the collection's model on the connection
 * (registered once, shared by the repositories that read the same collection), the driver's
 * collection beneath it, and the schema's declared indexes.
 */
export abstract class CollectionRepository<T extends object> {
  protected readonly model: Model<T>;

  protected constructor(connection: Connection, collection: string, schema: Schema<T>) {
    this.model = (connection.models[collection] as Model<T> | undefined) ?? connection.model<T>(collection, schema);
  }

  /** The driver's collection: bulk and conditional writes that mongoose would cast or wrap. */
  protected get raw(): Collection<T> {
    return this.model.collection as unknown as Collection<T>;
  }

  /** Builds the schema's declared indexes (autoIndex is off). Idempotent. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
