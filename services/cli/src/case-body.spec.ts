import { openCaseBody } from './case-body';
import { watchReached } from './commands/cases.command';
import { uploadContentType } from './upload-stream';

describe('openCaseBody', () => {
  const file = {
    kind: 'bankruptcy',
    transferor: { name: 'From file', contact: '010-1' },
    manager: { name: '王', email: 'w@example.cn' },
    recipient: { name: 'R', contact: '021-2', email: 'r@example.cn', country: 'CN' },
    policy: { waitingPeriod: 'P30D', reminders: ['P7D'] },
  };

  it("keeps the file's fields and overrides only those a flag names", () => {
    const body = openCaseBody(file, { kind: 'merger', transferorName: 'From flag', recipientCountry: 'DE', policy: { waitingPeriod: 'PT5S' } });
    expect(body).toEqual({
      ...file,
      kind: 'merger',
      transferor: { name: 'From flag', contact: '010-1' },
      recipient: { ...file.recipient, country: 'DE' },
      policy: { waitingPeriod: 'PT5S', reminders: ['P7D'] },
    });
  });

  it('sets recipient.sameLegalEntity from its flag, true or false, over the file', () => {
    const file = { kind: 'branch-deregistration', recipient: { name: 'Head office', sameLegalEntity: false } };
    expect(openCaseBody(file, { recipientSameLegalEntity: true }).recipient).toEqual({ name: 'Head office', sameLegalEntity: true });
    expect(openCaseBody({ recipient: { name: 'Buyer' } }, { recipientSameLegalEntity: false }).recipient).toEqual({ name: 'Buyer', sameLegalEntity: false });
    expect(openCaseBody(file, {}).recipient).toEqual({ name: 'Head office', sameLegalEntity: false });
  });

  it('adds no recipient when neither the file nor a flag gives one', () => {
    expect(openCaseBody({}, { kind: 'dissolution' })).not.toHaveProperty('recipient');
  });
});

describe('watchReached', () => {
  const view = (phase: string, gates: Array<[string, string]>, status = 'running') =>
    ({ id: 'cs_1', status, phase, source: 'workflow', gates: gates.map(([name, state]) => ({ name, state })), counters: {} }) as never;

  it('stops at a pending (or approved) gate, at or past a phase, or when the case is closed', () => {
    expect(watchReached(view('opened', [['inventory', 'waiting']]), { untilGate: 'inventory' })).toBe(false);
    expect(watchReached(view('inventory', [['inventory', 'pending']]), { untilGate: 'inventory' })).toBe(true);
    expect(watchReached(view('notification', []), { untilPhase: 'legal-basis' })).toBe(true);
    expect(watchReached(view('inventory', []), { untilPhase: 'consent' })).toBe(false);
    expect(watchReached(view('closed', [], 'closed'), { untilPhase: 'consent' })).toBe(true);
    expect(watchReached(view('consent', []), {})).toBe(false);
  });
});

describe('uploadContentType', () => {
  it('takes NDJSON from .ndjson/.jsonl or --type, CSV otherwise', () => {
    expect(uploadContentType('a.ndjson')).toBe('application/x-ndjson');
    expect(uploadContentType('a.JSONL')).toBe('application/x-ndjson');
    expect(uploadContentType('a.csv')).toBe('text/csv');
    expect(uploadContentType('a.txt', 'ndjson')).toBe('application/x-ndjson');
  });
});
