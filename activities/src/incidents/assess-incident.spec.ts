import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import type { IncidentAssessment } from '@handover/contracts';
import { createLogger } from '@handover/logging';
import type { IncidentRecord } from '@handover/persistence';
import { assessIncident } from './assess-incident';
import type { IncidentActivityDeps } from './incident.deps';

const base: IncidentRecord = {
  id: 'inc_a1', title: 't', caseId: 'cs_1', detectedAt: new Date('2026-03-01T10:00:00Z'), categories: ['bank_card'], drill: false,
  clockOverrides: {}, createdAt: new Date(), createdBy: 'key', status: 'assessing', notes: [],
};

function fakesFor(incident: IncidentRecord, counted = 1_000_000) {
  const saved: unknown[] = [];
  const audit: string[] = [];
  const scopes: unknown[] = [];
  const d = {
    incidents: { findById: async () => incident, saveAssessment: async (_id: string, a: unknown) => void saved.push(a) },
    population: { count: async (_c: string, scope: unknown) => (scopes.push(scope), { total: counted, withEmail: counted, phoneOnly: 0, unreachable: 0 }) },
    cases: { findById: async () => ({ jurisdiction: 'EU-GDPR', transferor: { name: 'Shop' } }) },
    keys: { require: async () => ({}) },
    audit: { append: async (_s: string, e: { action: string }) => void audit.push(e.action) },
    internalAddresses: ['sec@handover.test'],
    logger: createLogger('unit', 'silent'),
  } as unknown as IncidentActivityDeps;
  return { d, saved, audit, scopes };
}

const run = (d: IncidentActivityDeps): Promise<IncidentAssessment> => new MockActivityEnvironment().run(assessIncident, d, { incidentId: 'inc_a1' }) as Promise<IncidentAssessment>;

describe('assessIncident', () => {
  it('counts the inventory by category, grades with the case jurisdiction unless the incident names one, plans, audits once', async () => {
    const { d, saved, audit, scopes } = fakesFor({ ...base, jurisdiction: 'CN-PIPL', operatorType: 'ciio' });
    const a = await run(d);
    expect(scopes).toEqual([{ kind: 'sensitive', sensitiveAny: ['bank_card'] }]);
    expect(a).toMatchObject({ affected: 1_000_000, tier: 'larger', reportable: true, jurisdiction: 'CN-PIPL', operatorType: 'ciio' });
    expect(a.plan.tasks.find((t) => t.id === 'report-to-authority')?.dueAt).toBe('2026-03-01T11:00:00.000Z');
    expect(saved).toHaveLength(1);
    expect(audit).toEqual(['incident.assessed']);

    const eu = await run(fakesFor(base).d);
    expect(eu).toMatchObject({ jurisdiction: 'EU-GDPR', operatorType: 'ordinary', tier: 'none' });
    expect(eu.plan.tasks.find((t) => t.id === 'report-to-authority')?.dueAt).toBe('2026-03-04T10:00:00.000Z');
  });

  it('a retried assessment (assessment already stored) does not audit twice', async () => {
    const { d, audit } = fakesFor({ ...base, assessment: {} as never });
    await run(d);
    expect(audit).toEqual([]);
  });

  it('without a case, the estimate is the affected count; whole-inventory categories need no inventory', async () => {
    const { d, scopes } = fakesFor({ ...base, caseId: undefined, categories: ['all'], affectedEstimate: 12 } as IncidentRecord);
    const a = await run(d);
    expect(a).toMatchObject({ affected: 12, jurisdiction: 'CN-PIPL' });
    expect(scopes).toEqual([]);
  });

  it('bad stored input fails without retry (INCIDENT_INVALID): unknown category or clock', async () => {
    for (const bad of [{ categories: ['passwords'] }, { clockOverrides: { lunch: 'PT1H' } }]) {
      const error = await run(fakesFor({ ...base, ...bad }).d).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApplicationFailure);
      expect(error).toMatchObject({ type: 'INCIDENT_INVALID', nonRetryable: true });
    }
  });
});
