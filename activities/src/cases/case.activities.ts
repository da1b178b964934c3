import { ApplicationFailure } from '@temporalio/activity';
import type { CaseActivities } from '@handover/contracts';
import { renderCaseOpened, type Mailer } from '@handover/mail';
import { ledgerMessageId, type CaseKeyService, type CaseRepository, type MailLedgerRepository } from '@handover/persistence';
import type { Logger } from '@handover/logging';
import { sendOnce } from '../mail/send-once';

export interface CaseActivityDeps {
  cases: CaseRepository;
  keys: CaseKeyService;
  ledger: MailLedgerRepository;
  mailer: Mailer;
  mailDomain: string;
  logger: Logger;
}

export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  return {
    async loadCasePlan({ caseId }) {
      const cipher = await deps.keys.require(caseId);
      const entity = await deps.cases.findById(caseId, cipher);
      if (!entity) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, 'CASE_NOT_FOUND');
      const { waitingPeriod, consentDeadline, thirdPartyDeadline, reminders } = entity.policy;
      return { waitingPeriod, consentDeadline, thirdPartyDeadline, reminders: [...reminders], hasRecipient: Boolean(entity.recipient) };
    },

    async recordCasePhase({ caseId, phase }) {
      await deps.cases.recordPhase(caseId, phase, new Date());
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
  };
}
