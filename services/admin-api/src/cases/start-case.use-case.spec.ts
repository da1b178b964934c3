import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { AppError } from '@handover/http';
import type { AdminApiConfig } from '@handover/config';
import type { CaseRepository } from '@handover/persistence';
import type { AuditService } from '../audit/audit.service';
import { StartCaseUseCase } from './start-case.use-case';

/** StartCaseUseCase with fakes: the order of the two writes and the retry rules, no servers. */
describe('StartCaseUseCase', () => {
  const config = { TEMPORAL_TASK_QUEUE: 'handover' } as AdminApiConfig;

  function setup(status: 'draft' | 'running' | 'closed' | null, options: { workflowExists?: boolean } = {}) {
    const calls: string[] = [];
    const cases = {
      findState: jest.fn(async () => (status ? { status } : null)),
      markStarted: jest.fn(async () => {
        calls.push('markStarted');
        return true;
      }),
    } as unknown as CaseRepository;
    const temporal = {
      workflow: {
        start: jest.fn(async (type: string, opts: { workflowId: string; args: unknown[] }) => {
          calls.push(`start:${type}:${opts.workflowId}:${JSON.stringify(opts.args)}`);
        }),
        getHandle: () => ({
          describe: async () => {
            if (!options.workflowExists) throw new WorkflowNotFoundError('not found', 'case:c1', undefined);
            return {};
          },
        }),
      },
    } as unknown as Client;
    const audit = { record: jest.fn(async () => calls.push('audit')) } as unknown as AuditService;
    return { useCase: new StartCaseUseCase(cases, temporal, config, audit), calls };
  }

  it('marks a draft case running before it starts the workflow, then records the event', async () => {
    const { useCase, calls } = setup('draft');
    await useCase.execute('c1');
    expect(calls).toEqual(['markStarted', 'start:transferCaseWorkflow:case:c1:[{"caseId":"c1"}]', 'audit']);
  });

  it('starts the missing workflow of a running case (a crash between the two writes), without a second event', async () => {
    const { useCase, calls } = setup('running', { workflowExists: false });
    await useCase.execute('c1');
    expect(calls).toEqual(['start:transferCaseWorkflow:case:c1:[{"caseId":"c1"}]']);
  });

  it('refuses a case that already runs its workflow, or is closed (409 CASE_ALREADY_STARTED)', async () => {
    for (const [status, exists] of [['running', true], ['closed', false]] as const) {
      const { useCase, calls } = setup(status, { workflowExists: exists });
      const error = await useCase.execute('c1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CASE_ALREADY_STARTED');
      expect(calls).toEqual([]);
    }
  });

  it('answers 404 for an unknown case', async () => {
    const { useCase } = setup(null);
    const error = (await useCase.execute('nope').catch((e: unknown) => e)) as AppError;
    expect(error.getStatus()).toBe(404);
  });
});
