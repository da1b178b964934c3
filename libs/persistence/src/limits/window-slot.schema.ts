import { collectionSchema } from '../collection-schema';

/**
 * window_slots: one document per slot taken in a limiter window, inserted and never updated (FerretDB
 * v1 loses concurrent `$inc` on one document; distinct inserts with unique `_id`s are exact). `_id`
 * = `<window>#<n>` for the n-th slot of a window, `<window>!<member>` for a distinct-member mark;
 * `w` names what is counted (the window, or `<window>!` for marks). No personal data: keys are
 * client addresses' windows, link subject ids and credential digests, gone a window after it ends.
 */
export interface WindowSlotDocument {
  _id: string;
  w: string;
  expiresAt: Date;
}

export const WINDOW_SLOT_COLLECTION = 'window_slots';

export const windowSlotSchema = collectionSchema<WindowSlotDocument>(
  { String: ['_id', 'w'], Date: ['expiresAt'] },
  {},
  { collection: WINDOW_SLOT_COLLECTION },
);

// Serves the count of a window's slots (every hit).
windowSlotSchema.index({ w: 1 });
// Serves the sweep of ended windows.
windowSlotSchema.index({ expiresAt: 1 });
