import { FieldCipher } from '../field-cipher';

/** What sealing needs of the master key (MasterKey satisfies it). */
interface KeyDeriver {
  deriveKey(info: string, length?: number): Buffer;
  readonly keyId: string;
}

const cipherOf = (master: KeyDeriver): FieldCipher => FieldCipher.fromDataKey(master.deriveKey('recipient-private-key'), `rk${master.keyId}`);
const aad = (caseId: string): string => `recipient-private-key:${caseId}`;

/**
 * A generated recipient private key at rest: AES-256-GCM under a key derived from the master key
 * (HKDF info `recipient-private-key`), bound to its case by the AAD. Not under the case key: the
 * handover outlives the case key's shredding at closure, and the key is fetched once then destroyed.
 */
export function sealRecipientPrivateKey(master: KeyDeriver, caseId: string, privateKeyPem: string): string {
  return cipherOf(master).encrypt(privateKeyPem, aad(caseId));
}

export function openRecipientPrivateKey(master: KeyDeriver, caseId: string, sealed: string): string {
  return cipherOf(master).decrypt(sealed, aad(caseId));
}
