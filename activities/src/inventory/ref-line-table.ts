/** Shards of the table: a shard grows alone, so growing never holds two copies of the whole table. */
const SHARD_BITS = 6;
const SHARDS = 1 << SHARD_BITS;
/** A shard grows by half when it would be fuller than this (linear probing stays short below it). */
const MAX_LOAD = 0.8;
const GROWTH = 1.5;

interface Shard {
  keys: Uint32Array;
  lines: Uint32Array;
  size: number;
}

/**
 * Which customer refs this import attempt has inserted, and on which line: a compact open-
 * addressing hash table on typed arrays (16 bytes a slot), kept lean because it lives as long as
 * the import and outside the V8 heap (a heap cap does not bound it). It lets a customer_id repeated
 * later in the same file be quarantined without reading the database — on FerretDB v1 every such
 * read is a pass over the case. Keys are the first 96 bits of the ref (itself an HMAC), so distinct
 * refs do not collide in practice; a ref the table does not know falls back to the database.
 *
 * Memory: 64 shards of linear probing, each grown by half at 80 % load, so slots are 53–80 % full
 * (≈ 26 MB for a million refs) and a growth copies one shard (1/64 of the table), where a single
 * power-of-two table doubling at half load took 32 MB at a million refs and 48 MB while doubling.
 */
export class RefLineTable {
  readonly #shards: Shard[];
  #size = 0;

  constructor(initialCapacity = 1 << 16) {
    const capacity = Math.max(16, Math.ceil(Math.max(0, initialCapacity) / SHARDS));
    this.#shards = Array.from({ length: SHARDS }, () => ({ keys: new Uint32Array(capacity * 3), lines: new Uint32Array(capacity), size: 0 }));
  }

  get size(): number {
    return this.#size;
  }

  /** Bytes of the typed arrays holding the table. */
  get byteLength(): number {
    return this.#shards.reduce((total, shard) => total + shard.keys.byteLength + shard.lines.byteLength, 0);
  }

  /** Records `ref` (hex, ≥ 24 chars) at `line` (≥ 1); the first line recorded for a ref is kept. */
  add(ref: string, line: number): void {
    if (!Number.isInteger(line) || line < 1 || line > 0xffffffff) throw new RangeError('line must be a positive 32-bit integer');
    const [a, b, c] = words(ref);
    const shard = this.#shards[a >>> (32 - SHARD_BITS)] as Shard;
    if (shard.size + 1 > shard.lines.length * MAX_LOAD) grow(shard);
    const slot = find(shard, a, b, c);
    if (shard.lines[slot] !== 0) return;
    shard.keys[slot * 3] = a;
    shard.keys[slot * 3 + 1] = b;
    shard.keys[slot * 3 + 2] = c;
    shard.lines[slot] = line;
    shard.size += 1;
    this.#size += 1;
  }

  /** The line recorded for `ref`, or undefined. */
  get(ref: string): number | undefined {
    const [a, b, c] = words(ref);
    const shard = this.#shards[a >>> (32 - SHARD_BITS)] as Shard;
    const line = shard.lines[find(shard, a, b, c)];
    return line === 0 ? undefined : line;
  }
}

/** Slot holding the key, or the empty slot where it would go (linear probing; a shard is never full). */
function find(shard: Shard, a: number, b: number, c: number): number {
  const { keys, lines } = shard;
  const capacity = lines.length;
  let slot = ((Math.imul(a ^ b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) >>> 0) % capacity;
  for (;;) {
    if (lines[slot] === 0) return slot;
    if (keys[slot * 3] === a && keys[slot * 3 + 1] === b && keys[slot * 3 + 2] === c) return slot;
    slot = slot + 1 === capacity ? 0 : slot + 1;
  }
}

function grow(shard: Shard): void {
  const oldKeys = shard.keys;
  const oldLines = shard.lines;
  const capacity = Math.ceil(oldLines.length * GROWTH);
  shard.keys = new Uint32Array(capacity * 3);
  shard.lines = new Uint32Array(capacity);
  for (let i = 0; i < oldLines.length; i += 1) {
    const line = oldLines[i] as number;
    if (line === 0) continue;
    const a = oldKeys[i * 3] as number;
    const b = oldKeys[i * 3 + 1] as number;
    const c = oldKeys[i * 3 + 2] as number;
    const slot = find(shard, a, b, c);
    shard.keys[slot * 3] = a;
    shard.keys[slot * 3 + 1] = b;
    shard.keys[slot * 3 + 2] = c;
    shard.lines[slot] = line;
  }
}

function words(ref: string): [number, number, number] {
  if (!/^[0-9a-f]{24}/.test(ref)) throw new RangeError('ref must start with 24 lower-case hex characters');
  return [parseInt(ref.slice(0, 8), 16) >>> 0, parseInt(ref.slice(8, 16), 16) >>> 0, parseInt(ref.slice(16, 24), 16) >>> 0];
}
