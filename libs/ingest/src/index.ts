export { parseInventory } from './inventory-parser';
export { decodeText, toBuffer } from './decode-text';
export type { ByteSource, DecodeOptions } from './decode-text';
export { SAMPLE_BYTES, detectBom, detectEncoding, utf8Validity } from './detect-encoding';
export type { DetectionBasis, DetectOptions, EncodingDetection, InventoryEncoding, Utf8Validity } from './detect-encoding';
export { csvRows } from './csv-rows';
export { csvCell } from './csv-cell';
export { ndjsonRows, jsonValueToText, parseJsonRecord } from './ndjson-rows';
export { jsonArrayRows } from './json-array-rows';
export { DEFAULT_MAX_RECORD_BYTES, InventoryParseError } from './parsed-row';
export type {
  InventoryFormat,
  InventoryParseErrorCode,
  ParseInventoryOptions,
  ParsedRow,
  RowError,
} from './parsed-row';
