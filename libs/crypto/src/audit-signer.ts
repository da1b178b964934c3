import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { checkpointMessage, signingKeyId, type AuditCheckpoint, type UnsignedCheckpoint } from '@handover/audit-proof';

/** Signs audit checkpoints with the Ed25519 key of HANDOVER_AUDIT_SIGNING_KEY (PKCS#8 PEM). */
export class AuditSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  private readonly publicKey: KeyObject;

  private constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('the audit signing key must be an Ed25519 private key');
    this.publicKey = createPublicKey(privateKey);
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = signingKeyId(this.publicKey);
  }

  static fromPem(pem: string): AuditSigner {
    return new AuditSigner(createPrivateKey(pem));
  }

  sign(fields: Omit<UnsignedCheckpoint, 'keyId'>): AuditCheckpoint {
    const unsigned: UnsignedCheckpoint = { ...fields, keyId: this.keyId };
    return { ...unsigned, signature: sign(null, checkpointMessage(unsigned), this.privateKey).toString('base64') };
  }
}
