import { CollectionRepository } from '../collection-repository';
import type { Connection } from 'mongoose';
import { DEFAULT_TEAM_ID, type TeamEntity } from './team.entity';
import { teamSchema, TEAM_COLLECTION, type TeamDocument } from './team.schema';
import { isDuplicateKey } from '../customers/bulk-write-errors';


/** Stores teams; inserts only (a team is never renamed or deleted), so one writer per document holds. */
export class TeamRepository extends CollectionRepository<TeamDocument> {
  constructor(connection: Connection) {
    super(connection, TEAM_COLLECTION, teamSchema);
  }

  /** Creates the default team unless it exists (every start; concurrent starts are harmless). */
  async ensureDefault(at: Date = new Date()): Promise<void> {
    if (await this.exists(DEFAULT_TEAM_ID)) return;
    await this.create({ id: DEFAULT_TEAM_ID, name: DEFAULT_TEAM_ID, createdAt: at });
  }

  /** False when the id or the name is taken. */
  async create(entity: TeamEntity): Promise<boolean> {
    try {
      await this.model.collection.insertOne({ _id: entity.id, name: entity.name, createdAt: entity.createdAt } as never);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async exists(id: string): Promise<boolean> {
    return (await this.model.exists({ _id: { $eq: id } }).exec()) !== null;
  }

  /** Every team, oldest first (teams are few). */
  async list(): Promise<TeamEntity[]> {
    const docs = await this.model.find({}).sort({ createdAt: 1, _id: 1 }).lean<TeamDocument[]>().exec();
    return docs.map((doc) => ({ id: doc._id, name: doc.name, createdAt: doc.createdAt }));
  }
}
