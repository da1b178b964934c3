import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CryptoError } from '../errors';

/** RSA modulus of the key pairs generated for recipients without a key of their own. */
export const RECIPIENT_RSA_BITS = 3072;
/** Smallest RSA key a recipient may bring. */
const MIN_RSA_BITS = 2048;

export interface RecipientKeyPair {
  /** SPKI, PEM. */
  publicKeyPem: string;
  /** PKCS#8, PEM, unencrypted: seal it (sealRecipientPrivateKey) before it is stored. */
  privateKeyPem: string;
}

/** A fresh RSA-3072 key pair for a recipient that gave no public key. */
export function generateRecipientKeyPair(): RecipientKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: RECIPIENT_RSA_BITS,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/**
 * The recipient's public key as a KeyObject: PEM, RSA, at least 2048 bits. The error never repeats
 * the input.
 */
export function parseRecipientPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new CryptoError('recipient public key is not a PEM public key', 'invalid-key');
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < MIN_RSA_BITS) {
    throw new CryptoError(`recipient public key must be RSA of at least ${MIN_RSA_BITS} bits`, 'invalid-key');
  }
  return key;
}

/** SHA-256 (hex) of the key's DER SubjectPublicKeyInfo: names the key in the manifest. */
export function publicKeyFingerprint(pem: string): string {
  const der = parseRecipientPublicKey(pem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}
