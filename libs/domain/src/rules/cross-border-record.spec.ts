import { crossBorderRecordSatisfies, CROSS_BORDER_MECHANISMS, mechanismToRecord } from './cross-border-record';

describe('cross-border mechanism to record before the handover gate', () => {
  it('asks for nothing without a cross-border transfer, under the CN exemption or an EU adequacy decision', () => {
    expect(mechanismToRecord(null)).toBeNull();
    expect(mechanismToRecord('exempt')).toBeNull();
    expect(mechanismToRecord('adequacy-decision')).toBeNull();
    expect(crossBorderRecordSatisfies('exempt', undefined)).toBe(true);
    expect(crossBorderRecordSatisfies(null, undefined)).toBe(true);
  });

  it.each(['cac-security-assessment', 'standard-contract-or-certification', 'appropriate-safeguards'] as const)('asks for %s to be recorded', (mechanism) => {
    expect(mechanismToRecord(mechanism)).toBe(mechanism);
    expect(crossBorderRecordSatisfies(mechanism, undefined)).toBe(false);
    expect(crossBorderRecordSatisfies(mechanism, mechanism)).toBe(true);
  });

  it('is satisfied only by the same mechanism (a smaller tier recorded before a re-import does not cover a larger one)', () => {
    expect(crossBorderRecordSatisfies('cac-security-assessment', 'standard-contract-or-certification')).toBe(false);
    expect(crossBorderRecordSatisfies('standard-contract-or-certification', 'exempt')).toBe(false);
    expect(crossBorderRecordSatisfies('appropriate-safeguards', 'adequacy-decision')).toBe(false);
  });

  it('lists every mechanism once', () => {
    expect(new Set(CROSS_BORDER_MECHANISMS).size).toBe(5);
  });
});
