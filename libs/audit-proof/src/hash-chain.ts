import { createHash } from 'node:crypto';

const HASH = /^[0-9a-f]{64}$/;

/**
 * Deterministic JSON for hashing: object keys sorted (by UTF-16 code units, as Array#sort) at every
 * level, no whitespace, Dates as ISO-8601 strings, object fields whose value is undefined omitted
 * (undefined array elements become null, as in JSON). Objects with a toJSON method (e.g. Mongo
 * ObjectId) are serialised through it. Throws a TypeError for values whose meaning would be lost:
 * NaN/Infinity, bigint, functions, symbols, Map/Set, invalid dates and cycles.
 */
export function canonicalJson(value: unknown): string {
  const out = canonical(value, new Set<object>(), '$');
  if (out === undefined) throw new TypeError('canonicalJson: top-level value is undefined');
  return out;
}

function canonical(value: unknown, stack: Set<object>, path: string): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value} at ${path}`);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`canonicalJson: invalid Date at ${path}`);
    return JSON.stringify(value.toISOString());
  }
  if (value instanceof Map || value instanceof Set) {
    throw new TypeError(`canonicalJson: Map/Set at ${path}; convert to an object or array first`);
  }
  if (stack.has(value)) throw new TypeError(`canonicalJson: cycle at ${path}`);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    stack.add(value);
    try {
      return canonical(toJSON.call(value), stack, path);
    } finally {
      stack.delete(value);
    }
  }
  stack.add(value);
  try {
    if (Array.isArray(value)) {
      const items = value.map((item, i) => canonical(item, stack, `${path}[${i}]`) ?? 'null');
      return `[${items.join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const encoded = canonical(record[key], stack, `${path}.${key}`);
      if (encoded !== undefined) parts.push(`${JSON.stringify(key)}:${encoded}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    stack.delete(value);
  }
}

/**
 * Hash of one audit event: SHA-256 hex of `prevHash + canonicalJson(event)`, where the genesis
 * event's prevHash is null (hashed as the empty string).
 */
export function chainHash(prevHash: string | null, event: object): string {
  if (prevHash !== null && !HASH.test(prevHash)) {
    throw new TypeError('chainHash: prevHash must be null or 64 lowercase hex characters');
  }
  return createHash('sha256')
    .update(prevHash ?? '', 'utf8')
    .update(canonicalJson(event), 'utf8')
    .digest('hex');
}

export interface ChainEvent {
  seq: number;
  prevHash: string | null;
  hash: string;
  body: object;
}

export interface ChainVerification {
  valid: boolean;
  /** Number of events examined. */
  events: number;
  /** seq of the first event whose hash or link does not match. */
  firstBrokenAt?: number;
}

/**
 * Incremental verifier, for chains too long to load at once: feed events in seq order with `push`
 * (e.g. from a database cursor), then read `result()`. An event is broken if its hash is not
 * chainHash(prevHash, body), if its prevHash is not the previous event's stored hash (the first
 * event's must equal `anchor`: null for genesis, or the last verified hash when resuming), or if its
 * seq does not follow the previous one by 1. Only the first break is reported; later events are
 * still linked against the stored hashes. A chain truncated at its end cannot be detected here:
 * compare the last hash with a sealed copy (e.g. the case closure record).
 */
export class ChainVerifier {
  #count = 0;
  #prevHash: string | null;
  #prevSeq: number | undefined;
  #firstBrokenAt: number | undefined;

  constructor(anchor: string | null = null) {
    this.#prevHash = anchor;
  }

  push(event: ChainEvent): boolean {
    this.#count += 1;
    const ok = this.#check(event);
    if (!ok && this.#firstBrokenAt === undefined) this.#firstBrokenAt = event.seq;
    this.#prevHash = typeof event.hash === 'string' ? event.hash : null;
    this.#prevSeq = event.seq;
    return ok;
  }

  result(): ChainVerification {
    return this.#firstBrokenAt === undefined
      ? { valid: true, events: this.#count }
      : { valid: false, events: this.#count, firstBrokenAt: this.#firstBrokenAt };
  }

  #check(event: ChainEvent): boolean {
    if (!Number.isInteger(event.seq)) return false;
    if (this.#prevSeq !== undefined && event.seq !== this.#prevSeq + 1) return false;
    if (event.prevHash !== this.#prevHash) return false;
    try {
      return chainHash(event.prevHash, event.body) === event.hash;
    } catch {
      return false;
    }
  }
}

/** Verifies a whole chain given in seq order (any iterable, e.g. an array). */
export function verifyChain(events: Iterable<ChainEvent>, anchor: string | null = null): ChainVerification {
  const verifier = new ChainVerifier(anchor);
  for (const event of events) verifier.push(event);
  return verifier.result();
}
