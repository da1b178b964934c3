import { JURISDICTIONS } from '../../rules/types';
import { DEADLINE_NAMES } from '../types';
import { CN_PIPL_PLAYBOOK } from './cn-pipl.playbook';
import { EU_GDPR_PLAYBOOK } from './eu-gdpr.playbook';
import { INCIDENT_TASK_IDS, type IncidentPlaybook } from './playbook.types';
import { INCIDENT_PLAYBOOKS, selectPlaybook, UnknownPlaybookError } from './select-playbook';

describe('incident playbooks as versioned data', () => {
  it('selects the CN playbook for CN-PIPL and the EU playbook for EU-GDPR', () => {
    expect(selectPlaybook('CN-PIPL')).toBe(CN_PIPL_PLAYBOOK);
    expect(selectPlaybook('EU-GDPR')).toBe(EU_GDPR_PLAYBOOK);
    for (const j of JURISDICTIONS) expect(selectPlaybook(j).jurisdiction).toBe(j);
  });

  it('selects an exact version and otherwise the latest version of the jurisdiction', () => {
    const older: IncidentPlaybook = { ...CN_PIPL_PLAYBOOK, version: '2021-11-01.1' };
    const books = [older, CN_PIPL_PLAYBOOK, EU_GDPR_PLAYBOOK];
    expect(selectPlaybook('CN-PIPL', undefined, books).version).toBe('2025-11-01.1');
    expect(selectPlaybook('CN-PIPL', '2021-11-01.1', books)).toBe(older);
    expect(() => selectPlaybook('CN-PIPL', '1999-01-01.1', books)).toThrow(UnknownPlaybookError);
    expect(() => selectPlaybook('XX' as never)).toThrow(/No incident playbook for XX/);
  });

  it.each(INCIDENT_PLAYBOOKS.map((p) => [p.id, p] as const))('%s: known task ids, unique, with owner, basis and a sane reminder fraction', (_id, book) => {
    const ids = book.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const step of book.steps) {
      expect(INCIDENT_TASK_IDS).toContain(step.id);
      expect(step.basis.length).toBeGreaterThan(3);
      expect(step.title['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      const f = step.escalation.remindAtFraction;
      if (f !== null) expect(f > 0 && f < 1).toBe(true);
      if ('deadline' in step.due) expect(DEADLINE_NAMES).toContain(step.due.deadline);
    }
    // The six steps of docs/legal.md §7 are in every profile.
    expect(ids).toEqual(expect.arrayContaining(['contain', 'assess', 'report-to-authority', 'notify-individuals', 'remediate', 'review']));
    // Exactly one step sets off the individual notice mailing.
    expect(book.steps.filter((s) => s.onComplete === 'send-individual-notices').map((s) => s.id)).toEqual(['notify-individuals']);
  });

  it('CN: the report and the notice only apply when their clocks apply; the summary report only after handling ends', () => {
    const step = (id: string) => CN_PIPL_PLAYBOOK.steps.find((s) => s.id === id);
    expect(step('report-to-authority')?.when).toEqual({ deadlineApplies: 'authority-report' });
    expect(step('notify-individuals')?.when).toEqual({ deadlineApplies: 'individual-notice' });
    expect(step('summary-report')).toMatchObject({ due: { deadline: 'summary-report' }, endsHandling: false });
    expect(EU_GDPR_PLAYBOOK.steps.map((s) => s.id)).not.toContain('summary-report');
  });
});
