export { canonicalJson, chainHash, verifyChain, ChainVerifier, type ChainEvent, type ChainVerification } from './hash-chain';
export { checkpointMessage, checkpointSignedBy, type AuditCheckpoint, type UnsignedCheckpoint } from './checkpoint';
export { signingKeyId } from './key-id';
export { AUDIT_SCHEME_KEYED, AUDIT_SCHEME_UNKEYED, auditLinkBody, toTrailEvent, type TrailEvent } from './trail-event';
export { TrailVerifier, type TamperKind, type TrailVerification, type TrailVerifierOptions } from './trail-verifier';
export { ExportFormatError, parseAuditExport, verifyAuditExport, type ParsedExport } from './export-file';
