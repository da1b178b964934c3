import { SENSITIVE_CATEGORIES } from '../../inventory/classification';
import { affectedScope, INCIDENT_CATEGORIES, isIncidentCategory } from './incident-categories';

describe('incident category vocabulary', () => {
  it('contains every sensitive category of the inventory plus the whole-inventory categories', () => {
    for (const c of SENSITIVE_CATEGORIES) expect(INCIDENT_CATEGORIES).toContain(c);
    expect(INCIDENT_CATEGORIES).toEqual(expect.arrayContaining(['contact', 'transactions', 'all']));
    expect(isIncidentCategory('bank_card')).toBe(true);
    expect(isIncidentCategory('password')).toBe(false);
  });

  it('sensitive categories select customers holding any of them (deduplicated)', () => {
    expect(affectedScope(['bank_card', 'id_number', 'bank_card'])).toEqual({ kind: 'sensitive', sensitiveAny: ['bank_card', 'id_number'] });
  });

  it.each(['contact', 'transactions', 'all'])('%s affects the whole inventory, whatever else is named', (c) => {
    expect(affectedScope(['health', c])).toEqual({ kind: 'all' });
  });

  it('rejects an empty list and unknown categories, naming them', () => {
    expect(() => affectedScope([])).toThrow(RangeError);
    expect(() => affectedScope(['bank_card', 'passwords'])).toThrow(/passwords/);
  });
});
