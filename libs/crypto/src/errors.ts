/**
 * Error thrown by the crypto library. Messages name key ids and formats only, never key material,
 * plaintext or ciphertext, so they are safe to log and to carry in Temporal failures.
 */
export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  constructor(
    message: string,
    /** Stable machine-readable reason. */
    readonly code:
      | 'invalid-key'
      | 'invalid-argument'
      | 'malformed'
      | 'wrong-key'
      | 'unknown-key'
      | 'authentication-failed'
      | 'unencrypted',
  ) {
    super(message);
  }
}
