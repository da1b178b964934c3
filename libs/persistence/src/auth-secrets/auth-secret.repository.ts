import { createHash, randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { CollectionRepository } from '../collection-repository';
import { authSecretSchema, AUTH_SECRET_COLLECTION, type AuthSecretDocument } from './auth-secret.schema';

/** A value kept behind a random id, with its end. */
export interface SecretEntry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Values behind random ids that only their holder knows (a cookie), of one kind. The id is
 * returned once by `add`; the store keeps only its SHA-256. Expired entries are never returned.
 */
export interface SecretStore<T> {
  /** Keeps the value until `expiresAt` (ms) and returns its new random id (32 bytes, base64url). */
  add(value: T, expiresAt: number, owner?: string): Promise<string>;
  get(id: string, now: number): Promise<SecretEntry<T> | null>;
  /** Replaces the value and its end (a session's idle deadline moved on). */
  update(id: string, value: T, expiresAt: number): Promise<void>;
  /** The live entry, removed (a second take finds nothing). */
  take(id: string, now: number): Promise<SecretEntry<T> | null>;
  delete(id: string): Promise<void>;
  /** Removes every entry of the owner (its key was revoked). */
  deleteOwnedBy(owner: string): Promise<void>;
}

export const secretDigest = (id: string): string => createHash('sha256').update(id).digest('base64url');
export const newSecretId = (): string => randomBytes(32).toString('base64url');

/**
 * The secret stores of every admin API process, in the database (collection auth_secrets), so a
 * console session or an OpenID sign-in begun on one replica is found on any other. Ended entries
 * are deleted by a sweep each process runs at most once per `sweepEveryMs`, started by an `add`.
 */
export class AuthSecretRepository extends CollectionRepository<AuthSecretDocument> {
  private lastSweep = 0;

  constructor(
    connection: Connection,
    private readonly sweepEveryMs = 60_000,
  ) {
    super(connection, AUTH_SECRET_COLLECTION, authSecretSchema);
  }

  /** The store of one kind of entry ('console-session', 'oidc-login'). */
  store<T extends object>(kind: string): SecretStore<T> {
    const key = (id: string): string => `${kind}:${secretDigest(id)}`;
    const entry = (doc: AuthSecretDocument | null, now: number): SecretEntry<T> | null =>
      doc && doc.expiresAt.getTime() > now ? { value: doc.value as T, expiresAt: doc.expiresAt.getTime() } : null;
    return {
      add: async (value, expiresAt, owner) => {
        await this.sweepIfDue();
        const id = newSecretId();
        await this.raw.insertOne({ _id: key(id), kind, ...(owner !== undefined && { owner }), value: value as Record<string, unknown>, expiresAt: new Date(expiresAt) });
        return id;
      },
      get: async (id, now) => entry(await this.raw.findOne({ _id: key(id) }), now),
      update: async (id, value, expiresAt) => {
        await this.raw.updateOne({ _id: key(id) }, { $set: { value: value as Record<string, unknown>, expiresAt: new Date(expiresAt) } });
      },
      // Read, then delete: only the caller whose delete removed it gets the entry (FerretDB v1's findOneAndDelete is not atomic).
      take: async (id, now) => {
        const doc = await this.raw.findOne({ _id: key(id) });
        if (!doc) return null;
        return (await this.raw.deleteOne({ _id: key(id) })).deletedCount === 1 ? entry(doc, now) : null;
      },
      delete: async (id) => {
        await this.raw.deleteOne({ _id: key(id) });
      },
      deleteOwnedBy: async (owner) => {
        await this.raw.deleteMany({ kind, owner });
      },
    };
  }

  private async sweepIfDue(now: number = Date.now()): Promise<void> {
    if (now - this.lastSweep < this.sweepEveryMs) return;
    this.lastSweep = now;
    await this.raw.deleteMany({ expiresAt: { $lte: new Date(now) } });
  }
}

/** The same contract in process memory, for unit tests and tools without a database. */
export class MemorySecretStore<T> implements SecretStore<T> {
  private readonly entries = new Map<string, SecretEntry<T> & { owner?: string }>();

  add(value: T, expiresAt: number, owner?: string): Promise<string> {
    const id = newSecretId();
    this.entries.set(secretDigest(id), { value, expiresAt, ...(owner !== undefined && { owner }) });
    return Promise.resolve(id);
  }

  get(id: string, now: number): Promise<SecretEntry<T> | null> {
    const found = this.entries.get(secretDigest(id));
    return Promise.resolve(found && found.expiresAt > now ? { value: found.value, expiresAt: found.expiresAt } : null);
  }

  update(id: string, value: T, expiresAt: number): Promise<void> {
    const found = this.entries.get(secretDigest(id));
    if (found) this.entries.set(secretDigest(id), { ...found, value, expiresAt });
    return Promise.resolve();
  }

  async take(id: string, now: number): Promise<SecretEntry<T> | null> {
    const found = await this.get(id, now);
    this.entries.delete(secretDigest(id));
    return found;
  }

  delete(id: string): Promise<void> {
    this.entries.delete(secretDigest(id));
    return Promise.resolve();
  }

  deleteOwnedBy(owner: string): Promise<void> {
    for (const [key, entry] of this.entries) if (entry.owner === owner) this.entries.delete(key);
    return Promise.resolve();
  }
}
