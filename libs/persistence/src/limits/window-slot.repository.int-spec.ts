import type { Connection } from 'mongoose';
import { mongoUriFor } from '@handover/testing';
import { connectMongo } from '../mongo-connection';
import { WindowSlotRepository } from './window-slot.repository';

/**
 * The shared limiter store against the real MongoDB-compatible server: two processes' worth of
 * limiters (two connections, two repositories) racing on one key never allow more than the limit,
 * and never refuse while a slot is free.
 */
describe('WindowSlotRepository on the real database', () => {
  const uri = mongoUriFor('handover_it_window_slots');
  let first: Connection;
  let second: Connection;
  let a: WindowSlotRepository;
  let b: WindowSlotRepository;

  beforeAll(async () => {
    [first, second] = await Promise.all([connectMongo(uri), connectMongo(uri)]);
    a = new WindowSlotRepository(first);
    b = new WindowSlotRepository(second);
    await a.ensureIndexes();
  });

  afterAll(async () => {
    await Promise.all([a?.idle(), b?.idle()]);
    await first?.dropDatabase().catch(() => undefined);
    await Promise.all([first?.close(), second?.close()]);
  });

  it('allows exactly the limit of 2×limit concurrent hits spread over two connections', async () => {
    const limit = 25;
    const key = `ip:race-${process.pid}`;
    const now = Date.now();
    const decisions = await Promise.all(Array.from({ length: 2 * limit }, (_, i) => (i % 2 === 0 ? a : b).take(key, limit, 60_000, now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(limit);
    expect(decisions.filter((d) => !d.allowed)).toHaveLength(limit);
    // Every allowed hit holds its own slot: 1..limit, each once.
    expect(decisions.filter((d) => d.allowed).map((d) => d.taken).sort((x, y) => x - y)).toEqual(Array.from({ length: limit }, (_, i) => i + 1));
    expect(await b.taken(key, 60_000, now)).toBe(limit);
    expect(await a.reached(key, limit, 60_000, now)).toBe(true);
    expect(await a.reached(key, limit + 1, 60_000, now)).toBe(false);
    // A third connection that has seen nothing of the window is refused too.
    const third = await connectMongo(uri);
    try {
      expect((await new WindowSlotRepository(third).take(key, limit, 60_000, now)).allowed).toBe(false);
    } finally {
      await third.close();
    }
    expect(decisions.every((d) => d.retryAfterSeconds >= 1 && d.retryAfterSeconds <= 60)).toBe(true);
  });

  it('counts each key and each window apart', async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 30);
    expect((await a.take('k1', 1, 60_000, now)).allowed).toBe(true);
    expect((await b.take('k1', 1, 60_000, now + 10_000)).allowed).toBe(false);
    expect((await b.take('k2', 1, 60_000, now)).allowed).toBe(true);
    // The next minute is a new window.
    const next = await b.take('k1', 1, 60_000, now + 30_000);
    expect(next).toEqual({ allowed: true, taken: 1, retryAfterSeconds: 60 });
  });

  it('marks a member once per window, whichever connection marks it', async () => {
    const now = Date.UTC(2026, 0, 1, 13, 0, 0);
    const marks = await Promise.all([a.markOnce('auth:x', 'cred1', 60_000, now), b.markOnce('auth:x', 'cred1', 60_000, now), b.markOnce('auth:x', 'cred2', 60_000, now)]);
    expect(marks.filter(Boolean)).toHaveLength(2);
    expect(await a.isMarked('auth:x', 'cred2', 60_000, now + 59_999)).toBe(true);
    expect(await a.isMarked('auth:x', 'cred3', 60_000, now)).toBe(false);
    expect(await a.markOnce('auth:x', 'cred1', 60_000, now + 60_000)).toBe(true);
    // Marks are not slots.
    expect(await a.taken('auth:x', 60_000, now)).toBe(0);
  });

  it('sweeps the slots of ended windows and keeps the current ones', async () => {
    const past = Date.UTC(2025, 0, 1, 0, 0, 0);
    await a.take('old', 5, 60_000, past);
    await a.markOnce('old', 'm', 60_000, past);
    const now = Date.now();
    await a.take('current', 5, 60_000, now);
    expect(await a.sweep(now)).toBeGreaterThanOrEqual(2);
    expect(await a.taken('old', 60_000, past)).toBe(0);
    expect(await a.taken('current', 60_000, now)).toBe(1);
  });
});
