import { createHash } from 'node:crypto';
import { ChainVerifier, canonicalJson, chainHash, verifyChain, type ChainEvent } from './hash-chain';

describe('canonicalJson', () => {
  it('sorts keys recursively and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('is independent of key insertion order', () => {
    expect(canonicalJson({ x: 1, y: { p: true, q: null } })).toBe(canonicalJson({ y: { q: null, p: true }, x: 1 }));
  });

  it('writes Dates as ISO strings and omits undefined fields', () => {
    const at = new Date('2025-03-01T08:00:00.000Z');
    expect(canonicalJson({ at, gone: undefined, list: [undefined, 1] })).toBe('{"at":"2025-03-01T08:00:00.000Z","list":[null,1]}');
  });

  it('escapes strings like JSON and keeps non-ASCII', () => {
    expect(canonicalJson({ s: 'a"b\n张' })).toBe('{"s":"a\\"b\\n张"}');
  });

  it('uses toJSON of objects such as ObjectIds', () => {
    const id = { toJSON: () => '65f0c0ffee' };
    expect(canonicalJson({ id })).toBe('{"id":"65f0c0ffee"}');
  });

  it('rejects values whose meaning would be lost', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ m: new Map() })).toThrow(/Map/);
    expect(() => canonicalJson({ d: new Date('nope') })).toThrow(/invalid Date/);
    expect(() => canonicalJson(undefined)).toThrow(/undefined/);
  });

  it('allows shared (non-cyclic) references', () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
  });
});

describe('chainHash', () => {
  it('is SHA-256 hex of prevHash + canonical JSON, with an empty prefix at genesis', () => {
    const body = { b: 2, a: 1 };
    expect(chainHash(null, body)).toBe(createHash('sha256').update('{"a":1,"b":2}').digest('hex'));
    const prev = chainHash(null, body);
    expect(chainHash(prev, body)).toBe(createHash('sha256').update(prev + '{"a":1,"b":2}').digest('hex'));
  });

  it('rejects a malformed prevHash', () => {
    expect(() => chainHash('abc', {})).toThrow(/prevHash/);
  });
});

function buildChain(bodies: object[], firstSeq = 1): ChainEvent[] {
  const events: ChainEvent[] = [];
  let prevHash: string | null = null;
  bodies.forEach((body, i) => {
    const hash = chainHash(prevHash, body);
    events.push({ seq: firstSeq + i, prevHash, hash, body });
    prevHash = hash;
  });
  return events;
}

const bodies = [
  { type: 'case.opened', caseId: 'c1', at: new Date('2025-01-01T00:00:00Z') },
  { type: 'inventory.imported', caseId: 'c1', rows: 1000 },
  { type: 'gate.approved', caseId: 'c1', by: 'mgr-7' },
  { type: 'notice.sent', caseId: 'c1', count: 998 },
  { type: 'case.closed', caseId: 'c1' },
];

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(buildChain(bodies))).toEqual({ valid: true, events: 5 });
    expect(verifyChain([])).toEqual({ valid: true, events: 0 });
  });

  it('detects an edited body and reports its seq', () => {
    const events = buildChain(bodies);
    events[2] = { ...events[2]!, body: { type: 'gate.approved', caseId: 'c1', by: 'someone-else' } };
    expect(verifyChain(events)).toEqual({ valid: false, events: 5, firstBrokenAt: 3 });
  });

  it('detects an edited body whose hash was recomputed: the next link breaks', () => {
    const events = buildChain(bodies, 10);
    const forged = { type: 'notice.sent', caseId: 'c1', count: 1 };
    events[3] = { ...events[3]!, body: forged, hash: chainHash(events[3]!.prevHash, forged) };
    expect(verifyChain(events)).toEqual({ valid: false, events: 5, firstBrokenAt: 14 });
  });

  it('detects a broken link (prevHash changed)', () => {
    const events = buildChain(bodies);
    events[1] = { ...events[1]!, prevHash: 'f'.repeat(64) };
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBrokenAt: 2 });
  });

  it('detects a deleted event in the middle', () => {
    const events = buildChain(bodies);
    events.splice(2, 1);
    expect(verifyChain(events)).toEqual({ valid: false, events: 4, firstBrokenAt: 4 });
  });

  it('detects a seq that does not follow its predecessor (links and hashes intact)', () => {
    const events = buildChain(bodies);
    events[2] = { ...events[2]!, seq: 7 };
    expect(verifyChain(events)).toEqual({ valid: false, events: 5, firstBrokenAt: 7 });
  });

  it('requires a null prevHash at genesis', () => {
    const events = buildChain(bodies).slice(1);
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBrokenAt: 2 });
  });

  it('verifies a segment given the anchor hash, and incrementally', () => {
    const events = buildChain(bodies);
    expect(verifyChain(events.slice(2), events[1]!.hash)).toEqual({ valid: true, events: 3 });
    const verifier = new ChainVerifier();
    expect(events.map((e) => verifier.push(e))).toEqual([true, true, true, true, true]);
    expect(verifier.result()).toEqual({ valid: true, events: 5 });
  });

  it('reports the first break when there are several', () => {
    const events = buildChain(bodies);
    events[1] = { ...events[1]!, hash: '0'.repeat(64) };
    events[4] = { ...events[4]!, body: {} };
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBrokenAt: 2 });
  });
});
