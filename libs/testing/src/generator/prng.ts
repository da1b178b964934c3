/**
 * A small seeded PRNG (mulberry32) with the helpers the data generators need. Deterministic: the
 * same seed gives the same sequence on every machine; never use Math.random in generators.
 */
export class Prng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks with a bias towards the front of the list (tables ordered by frequency). */
  pickSkewed<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    const r = this.next();
    return items[Math.floor(r * r * items.length)] as T;
  }

  /** `count` decimal digits; the first is non-zero when `leadingNonZero`. */
  digits(count: number, leadingNonZero = false): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(i === 0 && leadingNonZero ? this.int(1, 9) : this.int(0, 9));
    return out;
  }
}
