/** One encrypted file of a handover package (plaintext metadata; nothing personal). */
export interface HandoverPackageFile {
  name: string;
  /** SHA-256 hex of the encrypted bytes as stored and served. */
  sha256: string;
  /** SHA-256 hex of the plaintext, for the recipient to check after decryption. */
  plaintextSha256: string;
  bytes: number;
  /** AES-256-GCM nonce and tag, base64. */
  iv: string;
  authTag: string;
}

/**
 * The manifest: plaintext JSON served with the package (PIPL Art. 22 evidence of what was handed
 * over). Counts, hashes, versions and parameters only.
 */
export interface HandoverManifest {
  format: 'handover-package/1';
  packageId: string;
  caseId: string;
  createdAt: string;
  records: number;
  byRoute: Record<string, number>;
  fields: string[];
  rulePack: { id: string; version: string };
  /** Notice wordings the transferred customers were sent or answered (mail ledger, consent evidence). */
  wordingVersions: string[];
  files: HandoverPackageFile[];
  encryption: {
    content: 'AES-256-GCM';
    keyWrap: 'RSA-OAEP-SHA256';
    /** RSA-OAEP-SHA256 of the 32-byte content key, base64. */
    wrappedKey: string;
    /** SHA-256 of the recipient public key's DER SPKI. */
    recipientKeyFingerprint: string;
    /** `case`: the recipient's own key; `generated`: a key pair whose private half is fetched once. */
    recipientKeySource: 'case' | 'generated';
    /** Each file's AAD is its name. */
    aad: 'file-name';
  };
}

/** What the compliance report shows of the handover (nothing personal). */
export interface HandoverReportView {
  packageId: string;
  createdAt: string;
  records: number;
  byRoute: Record<string, number>;
  files: Array<{ name: string; sha256: string }>;
  fields: string[];
  acknowledgedAt?: string;
}

/** A recipient's acknowledgement, decrypted (admin views only). */
export interface RecipientAcknowledgementInput {
  caseId: string;
  packageId: string;
  tokenHash: string;
  acknowledgedBy: string;
  ip: string;
  userAgent: string;
  at: Date;
}
