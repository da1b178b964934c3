import { createHash, randomBytes } from 'node:crypto';

const hash = (id: string): string => createHash('sha256').update(id).digest('base64url');

/**
 * Values behind random ids that only their holder knows (a cookie): kept here by the id's SHA-256,
 * so a memory dump gives no usable id, and at most `max` of them (the oldest goes first).
 * In memory: the console sessions and the OpenID sign-ins under way.
 */
export class SecretKeyedMap<T> {
  private readonly values = new Map<string, T>();

  constructor(private readonly max: number) {}

  /** Keeps the value and returns its new random id (32 bytes, base64url). */
  add(value: T): string {
    const id = randomBytes(32).toString('base64url');
    if (this.values.size >= this.max) {
      const oldest = this.values.keys().next();
      if (!oldest.done) this.values.delete(oldest.value);
    }
    this.values.set(hash(id), value);
    return id;
  }

  get(id: string): T | undefined {
    return this.values.get(hash(id));
  }

  delete(id: string): void {
    this.values.delete(hash(id));
  }

  deleteWhere(predicate: (value: T) => boolean): void {
    for (const [key, value] of this.values) if (predicate(value)) this.values.delete(key);
  }
}
