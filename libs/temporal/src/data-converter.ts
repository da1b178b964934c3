import type { DataConverter } from '@temporalio/common';
import { createDataConverter, MasterKey, payloadCodecFromMaster } from '@handover/crypto';

/**
 * The data converter every Temporal client and worker of the project uses: payloads and failure
 * messages encrypted with AES-256-GCM under a key derived from the master key.
 */
export function handoverDataConverter(masterKeyBase64: string): DataConverter {
  return createDataConverter(payloadCodecFromMaster(MasterKey.fromBase64(masterKeyBase64)));
}
