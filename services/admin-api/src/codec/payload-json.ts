import type { Payload } from '@temporalio/common';
import { invalidField } from '@handover/http';
import { BASE64, type PayloadJsonDto, type PayloadsJsonDto } from './payloads.dto';

const bytes = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));
const base64 = (value: Uint8Array): string => Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');

/** Proto3-JSON payloads (validated shape) to SDK payloads; a metadata value that is not base64 → 400 naming it. */
export function fromJson(body: PayloadsJsonDto): Payload[] {
  return body.payloads.map((payload: PayloadJsonDto, index) => {
    const metadata: Record<string, Uint8Array> = {};
    for (const [key, value] of Object.entries(payload.metadata ?? {})) {
      if (typeof value !== 'string' || !BASE64.test(value)) throw invalidField(`payloads.${index}.metadata.${key}`, 'must be base64');
      metadata[key] = bytes(value);
    }
    return { metadata, data: bytes(payload.data ?? '') };
  });
}

/** SDK payloads to proto3 JSON (empty fields left out, as proto3 JSON does). */
export function toJson(payloads: readonly Payload[]): PayloadsJsonDto {
  return {
    payloads: payloads.map((payload) => {
      const metadata = Object.fromEntries(Object.entries(payload.metadata ?? {}).flatMap(([key, value]) => (value ? [[key, base64(value)]] : [])));
      return {
        ...(Object.keys(metadata).length > 0 && { metadata }),
        ...(payload.data && payload.data.length > 0 && { data: base64(payload.data) }),
      };
    }),
  };
}
