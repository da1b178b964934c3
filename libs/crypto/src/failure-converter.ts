// Loaded by path (DataConverter.failureConverterPath), by the client, the worker and inside the
// workflow sandbox bundle: keep this file free of Node-only imports.
import { DefaultFailureConverter, type FailureConverter } from '@temporalio/common';

/**
 * Moves failure messages and stack traces into `encodedAttributes` (a payload, so the PayloadCodec
 * encrypts it); the visible message becomes 'Encoded failure'.
 */
export const failureConverter: FailureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
