/**
 * audit_checkpoints: Ed25519-signed heads of the audit chains (libs/audit-proof AuditCheckpoint).
 * _id = `<scope>:<seq zero-padded to 10>`: one checkpoint per position, so two writers sealing the
 * same head collide harmlessly. Append-only, like audit_events.
 */
export const AUDIT_CHECKPOINT_COLLECTION = 'audit_checkpoints';
