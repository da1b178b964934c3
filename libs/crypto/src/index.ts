export { CryptoError } from './errors';
export { MasterKey } from './master-key';
export { MasterKeyring, type MasterKeySource } from './master-keyring';
export { FieldCipher, isCiphertext, ciphertextKeyId } from './field-cipher';
export { generateDataKey, dataKeyAad, KeyCache, KeyRing, type WrappedDataKey } from './data-key';
export { BlindIndex, normalizeForBlindIndex, type BlindIndexKind } from './blind-index';
export {
  canonicalJson,
  chainHash,
  verifyChain,
  ChainVerifier,
  type ChainEvent,
  type ChainVerification,
} from '@handover/audit-proof';
export { TokenSigner, portalTokenSigner, hashToken, TOKEN_PURPOSES, type TokenPayload, type TokenPurpose } from './signed-token';
export {
  AesGcmPayloadCodec,
  payloadKeyFromMaster,
  payloadCodecFromMaster,
  createDataConverter,
  ENCRYPTED_ENCODING,
  ENCRYPTION_KEY_ID_METADATA,
  PAYLOAD_CODEC_HKDF_INFO,
  REFUSED_ENCODING,
  type PayloadCodecOptions,
  type UnencryptedPayloadPolicy,
} from './payload-codec';
export { failureConverter } from './failure-converter';
export { UploadCipher, type UploadSealInfo } from './upload-cipher';
export * from './recipient';
export { sha256Hex } from './internal';
export { AuditKey } from './audit-key';
export { AuditSigner } from './audit-signer';
