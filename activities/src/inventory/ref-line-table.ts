/**
 * Which customer refs this import attempt has inserted, and on which line: a compact open-
 * addressing hash table on typed arrays (16 bytes a slot, ≈ 32 MB for a million rows, against
 * ≈ 100 MB for a Map of strings). It lets a customer_id repeated later in the same file be
 * quarantined without reading the database — on FerretDB v1 every such read is a pass over the
 * case. Keys are the first 96 bits of the ref (itself an HMAC), so distinct refs do not collide in
 * practice; a ref the table does not know falls back to the database.
 */
export class RefLineTable {
  #keys: Uint32Array;
  #lines: Uint32Array;
  #size = 0;

  constructor(initialCapacity = 1 << 16) {
    const capacity = 1 << Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.#keys = new Uint32Array(capacity * 3);
    this.#lines = new Uint32Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Records `ref` (hex, ≥ 24 chars) at `line` (≥ 1); the first line recorded for a ref is kept. */
  add(ref: string, line: number): void {
    if (!Number.isInteger(line) || line < 1 || line > 0xffffffff) throw new RangeError('line must be a positive 32-bit integer');
    if ((this.#size + 1) * 2 > this.#lines.length) this.#grow();
    const [a, b, c] = words(ref);
    const slot = this.#find(a, b, c);
    if (this.#lines[slot] !== 0) return;
    this.#keys[slot * 3] = a;
    this.#keys[slot * 3 + 1] = b;
    this.#keys[slot * 3 + 2] = c;
    this.#lines[slot] = line;
    this.#size += 1;
  }

  /** The line recorded for `ref`, or undefined. */
  get(ref: string): number | undefined {
    const [a, b, c] = words(ref);
    const line = this.#lines[this.#find(a, b, c)];
    return line === 0 ? undefined : line;
  }

  /** Slot holding the key, or the empty slot where it would go (linear probing). */
  #find(a: number, b: number, c: number): number {
    const mask = this.#lines.length - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask;
    for (;;) {
      if (this.#lines[slot] === 0) return slot;
      if (this.#keys[slot * 3] === a && this.#keys[slot * 3 + 1] === b && this.#keys[slot * 3 + 2] === c) return slot;
      slot = (slot + 1) & mask;
    }
  }

  #grow(): void {
    const oldKeys = this.#keys;
    const oldLines = this.#lines;
    this.#keys = new Uint32Array(oldKeys.length * 2);
    this.#lines = new Uint32Array(oldLines.length * 2);
    for (let i = 0; i < oldLines.length; i += 1) {
      const line = oldLines[i] as number;
      if (line === 0) continue;
      const a = oldKeys[i * 3] as number;
      const b = oldKeys[i * 3 + 1] as number;
      const c = oldKeys[i * 3 + 2] as number;
      const slot = this.#find(a, b, c);
      this.#keys[slot * 3] = a;
      this.#keys[slot * 3 + 1] = b;
      this.#keys[slot * 3 + 2] = c;
      this.#lines[slot] = line;
    }
  }
}

function words(ref: string): [number, number, number] {
  if (!/^[0-9a-f]{24}/.test(ref)) throw new RangeError('ref must start with 24 lower-case hex characters');
  return [parseInt(ref.slice(0, 8), 16) >>> 0, parseInt(ref.slice(8, 16), 16) >>> 0, parseInt(ref.slice(16, 24), 16) >>> 0];
}
