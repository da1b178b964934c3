import { collectionSchema } from '../collection-schema';

/** teams: one document per team; `_id` is the team id that cases and API keys carry. */
export interface TeamDocument {
  _id: string;
  name: string;
  createdAt: Date;
}

export const TEAM_COLLECTION = 'teams';

export const teamSchema = collectionSchema<TeamDocument>(
  { String: ['_id', 'name'], Date: ['createdAt'] },
  {},
  { collection: TEAM_COLLECTION },
);

// Serves the duplicate-name check of POST /v1/teams: the insert itself fails on a taken name, so
// two concurrent creations of one name cannot both succeed.
teamSchema.index({ name: 1 }, { unique: true });
