import { ApplicationFailure } from '@temporalio/activity';
import type { CaseActivities } from '@handover/contracts';
import { buildsHandoverPackage, DEFAULT_ACKNOWLEDGEMENT_DEADLINE, DEFAULT_ACKNOWLEDGEMENT_REMINDERS } from '@handover/domain';
import { renderCaseOpened, type Mailer } from '@handover/mail';
import { ledgerMessageId, type AuditRepository, type CaseKeyService, type CaseRepository, type MailLedgerRepository } from '@handover/persistence';
import type { Logger } from '@handover/logging';
import { sendOnce } from '../mail/send-once';
import { caseFactsOf } from '../inventory/case-facts';
import { recordWorkflowEvent } from '../audit/workflow-audit';

export interface CaseActivityDeps {
  cases: CaseRepository;
  keys: CaseKeyService;
  ledger: MailLedgerRepository;
  mailer: Mailer;
  mailDomain: string;
  logger: Logger;
  /** The case's audit chain: each phase change is recorded there (phase.completed, phase.started). */
  audit: AuditRepository;
}

export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  return {
    async loadCasePlan({ caseId }) {
      const cipher = await deps.keys.require(caseId);
      const entity = await deps.cases.findById(caseId, cipher);
      if (!entity) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, 'CASE_NOT_FOUND');
      const { waitingPeriod, consentDeadline, thirdPartyDeadline, reminders } = entity.policy;
      return {
        waitingPeriod,
        consentDeadline,
        thirdPartyDeadline,
        reminders: [...reminders],
        hasRecipient: Boolean(entity.recipient),
        buildsPackage: buildsHandoverPackage(caseFactsOf(entity)),
        // Cases opened before these policy fields existed get the product defaults.
        acknowledgementDeadline: entity.policy.acknowledgementDeadline ?? DEFAULT_ACKNOWLEDGEMENT_DEADLINE,
        acknowledgementReminders: [...(entity.policy.acknowledgementReminders ?? DEFAULT_ACKNOWLEDGEMENT_REMINDERS)],
      };
    },

    async recordCasePhase({ caseId, phase, round }) {
      // On the trail before the phase is stored: the phase left, then the phase entered.
      const previous = (await deps.cases.findState(caseId))?.phase;
      if (previous && previous !== phase) await recordWorkflowEvent(deps.audit, caseId, 'phase.completed', { phase: previous, next: phase });
      await recordWorkflowEvent(deps.audit, caseId, 'phase.started', { phase, round: round ?? 0 });
      await deps.cases.recordPhase(caseId, phase, new Date(), round ?? 0);
      // Each phase end seals the trail so far with a signed checkpoint.
      if (previous && previous !== phase) await deps.audit.checkpoint(caseId);
      deps.logger.info({ caseId, phase }, 'case phase recorded');
    },

    async announceCaseOpened({ caseId }) {
      const key = { caseId, subjectId: 'manager', mailing: 'case-opened' };
      const cipher = await deps.keys.require(caseId);
      const entity = await deps.cases.findById(caseId, cipher);
      if (!entity) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, 'CASE_NOT_FOUND');
      const outcome = await sendOnce(deps, key, () => ({
        to: entity.manager.email,
        messageId: ledgerMessageId(key, deps.mailDomain),
        ...renderCaseOpened({
          managerName: entity.manager.name,
          caseId,
          kind: entity.kind,
          transferorName: entity.transferor.name,
          ...(entity.recipient && { recipientName: entity.recipient.name }),
        }),
      }));
      return { sent: outcome === 'sent' };
    },

    async markCaseCancelled({ caseId, cancelledAt }) {
      await deps.cases.markCancelled(caseId, 'running', new Date(cancelledAt));
      deps.logger.info({ caseId }, 'case cancelled');
    },
  };
}
