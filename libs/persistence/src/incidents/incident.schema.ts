import { Schema } from 'mongoose';
import { collectionSchema } from '../collection-schema';

/**
 * incidents: one document per incident, `_id` = the incident id (`inc_…`, opaque). Holds what the
 * responder entered, the workflow's latest view (`view`, `revision`: snapshots never go backwards),
 * the assessment (counts, grade, plan) and the drafts. No personal data in clear: task notes are
 * ciphertext under the incident's own data key (`case_keys` _id `incident:<id>`).
 */
export interface IncidentDocument {
  _id: string;
  title: string;
  caseId?: string;
  detectedAt: Date;
  categories: string[];
  severity?: string;
  drill: boolean;
  operatorType?: string;
  jurisdiction?: string;
  clockOverrides: Record<string, string>;
  cause?: string;
  measures?: string[];
  contact?: string;
  harmAvoided?: { justification: string };
  affectedEstimate?: number;
  createdAt: Date;
  createdBy: string;
  team?: string;
  status: string;
  revision: number;
  view?: Record<string, unknown>;
  assessment?: Record<string, unknown>;
  drafts?: Record<string, unknown>;
  notes: Array<{ taskId: string; at: Date; by: string; noteEnc: string }>;
  updatedAt: Date;
}

export const INCIDENT_COLLECTION = 'incidents';

export const incidentSchema = collectionSchema<IncidentDocument>(
  { String: ['_id', 'title', 'createdBy', 'status'], Date: ['detectedAt', 'createdAt', 'updatedAt'], Boolean: ['drill'], Number: ['revision'] },
  {
    caseId: String,
    categories: { type: [String], required: true },
    severity: String,
    operatorType: String,
    jurisdiction: String,
    clockOverrides: { type: Schema.Types.Mixed, default: {} },
    cause: String,
    measures: { type: [String], default: undefined },
    contact: String,
    harmAvoided: { type: { justification: String }, required: false, _id: false },
    affectedEstimate: Number,
    team: String,
    view: Schema.Types.Mixed,
    assessment: Schema.Types.Mixed,
    drafts: Schema.Types.Mixed,
    notes: { type: [{ taskId: String, at: Date, by: String, noteEnc: String, _id: false }], default: [] },
  },
  { collection: INCIDENT_COLLECTION, minimize: false },
);

// Serves the yearly drill evidence (GB/T 35273 §10.1): find({drill: true, detectedAt: {$gte}}).sort({detectedAt: -1}).
incidentSchema.index({ drill: 1, detectedAt: -1 });
// Serves GET /v1/incidents: newest first, ties by id (the keyset order).
incidentSchema.index({ createdAt: -1, _id: -1 });
