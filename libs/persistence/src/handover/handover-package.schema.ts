import { collectionSchema } from '../collection-schema';
import type { HandoverManifest } from './handover-package.entity';

/**
 * handover_packages: one document per case's package, `_id` = package id (`<caseId>:package`).
 * Inserted once, when the package's files are complete on disk under
 * `<data dir>/packages/<caseId>/<buildId>/`: the unique `_id` decides which build of concurrent or
 * retried attempts is the package. Holds the manifest (counts, hashes, parameters; nothing personal).
 */
export interface HandoverPackageDocument {
  _id: string;
  caseId: string;
  buildId: string;
  manifest: HandoverManifest;
  createdAt: Date;
}

export const HANDOVER_PACKAGE_COLLECTION = 'handover_packages';

export const handoverPackageSchema = collectionSchema<HandoverPackageDocument>(
  { String: ['_id', 'caseId', 'buildId'], Mixed: ['manifest'], Date: ['createdAt'] },
  {},
  { collection: HANDOVER_PACKAGE_COLLECTION, minimize: false },
);
// No secondary index: every read is by `_id` (the package id derives from the case id), the one
// lookup every backend indexes.
