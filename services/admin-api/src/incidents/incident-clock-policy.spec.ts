import { effectiveClocks, parseOrganisationClocks } from './incident-clock-policy';

describe('incident clock overrides policy', () => {
  const org = { containment: 'PT30M' };

  it('accepts request overrides for drills, and in test mode, layered over the organisation settings', () => {
    expect(effectiveClocks(org, { containment: 'PT3S', assess: 'PT10S' }, { drill: true, nodeEnv: 'production' })).toEqual({ containment: 'PT3S', assess: 'PT10S' });
    expect(effectiveClocks(org, { 'authority-report': 'PT9S' }, { drill: false, nodeEnv: 'test' })).toEqual({ containment: 'PT30M', 'authority-report': 'PT9S' });
  });

  it('refuses request overrides on a real incident outside test mode: the legal clocks stay', () => {
    expect(() => effectiveClocks(org, { containment: 'PT3S' }, { drill: false, nodeEnv: 'production' })).toThrow(/only for drills/);
    expect(() => effectiveClocks(org, { containment: 'PT3S' }, { drill: false, nodeEnv: 'development' })).toThrow(/only for drills/);
    expect(effectiveClocks(org, undefined, { drill: false, nodeEnv: 'production' })).toEqual(org);
    expect(effectiveClocks(org, {}, { drill: false, nodeEnv: 'production' })).toEqual(org);
  });

  it('rejects unknown clocks, malformed durations and non-string values with 400', () => {
    const ctx = { drill: true, nodeEnv: 'production' };
    for (const bad of [{ contain: 'PT3S' }, { containment: 'soon' }, { containment: 3 }]) {
      try {
        effectiveClocks(org, bad, ctx);
        throw new Error('accepted');
      } catch (error) {
        expect((error as { getStatus?: () => number }).getStatus?.()).toBe(400);
      }
    }
  });

  it('parses the organisation JSON and fails start-up on anything but known clocks', () => {
    expect(parseOrganisationClocks('{}')).toEqual({});
    expect(parseOrganisationClocks('{"individual-notice":"PT12H"}')).toEqual({ 'individual-notice': 'PT12H' });
    expect(() => parseOrganisationClocks('{oops')).toThrow(/not valid JSON/);
    expect(() => parseOrganisationClocks('["PT1H"]')).toThrow(/JSON object/);
    expect(() => parseOrganisationClocks('{"lunch":"PT1H"}')).toThrow(/Unknown incident clock/);
  });
});
