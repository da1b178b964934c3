import type { DataConverter } from '@temporalio/common';
import { createDataConverter, MasterKey, payloadCodecFromMaster, type PayloadCodecOptions } from '@handover/crypto';

/**
 * The data converter every Temporal client and worker of the project uses: payloads and failure
 * messages encrypted with AES-256-GCM under a key derived from the derivation key (base64; the
 * single master key's bytes on installations from before the master keyring). Plain payloads are
 * refused (clients: decode throws; the worker passes `refuse-in-workflow` and a logging `onRefused`).
 */
export function handoverDataConverter(masterKeyBase64: string, options: PayloadCodecOptions = {}): DataConverter {
  return createDataConverter(payloadCodecFromMaster(MasterKey.fromBase64(masterKeyBase64), [], options));
}
