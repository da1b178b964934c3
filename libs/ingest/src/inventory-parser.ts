/**
 * Streams an uploaded inventory (CSV, NDJSON or a JSON array; any supported encoding) into ParsedRow items,
 * one at a time: bytes are pulled from the input only as rows are consumed, so an inventory of any
 * size runs in constant memory. Validation of the row's fields is the caller's (validateRow in
 * @handover/domain); rows with a malformed shape come out here as error rows (field `row`).
 */
import type { Readable } from 'node:stream';
import { csvRows } from './csv-rows';
import { decodeText, type ByteSource } from './decode-text';
import { ndjsonRows } from './ndjson-rows';
import { jsonArrayRows } from './json-array-rows';
import type { InventoryFormat, ParseInventoryOptions, ParsedRow } from './parsed-row';

export function parseInventory(
  input: ByteSource | Readable,
  format: InventoryFormat,
  options: ParseInventoryOptions = {},
): AsyncGenerator<ParsedRow> {
  const text = decodeText(input as ByteSource, {
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.onEncoding !== undefined ? { onEncoding: options.onEncoding } : {}),
  });
  switch (format) {
    case 'csv':
      return csvRows(text, options);
    case 'ndjson':
      return ndjsonRows(text, options);
    case 'json':
      return jsonArrayRows(text, options);
    default:
      throw new TypeError(`unsupported inventory format: ${String(format satisfies never)}`);
  }
}
