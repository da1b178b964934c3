import type { Connection } from 'mongoose';

/** A ping of the database for health checks (true when it answers). */
export class DatabaseHealth {
  constructor(private readonly connection: Connection) {}

  async ping(): Promise<boolean> {
    const db = this.connection.db;
    if (!db) return false;
    return db.command({ ping: 1 }).then(
      () => true,
      () => false,
    );
  }
}
