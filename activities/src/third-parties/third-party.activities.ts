import { ApplicationFailure } from '@temporalio/activity';
import {
  THIRD_PARTY_ESCALATION_MAILING,
  THIRD_PARTY_REQUEST_MAILING,
  thirdPartyReminderMailing,
  type ThirdPartyActivities,
  type ThirdPartyMailingCounters,
} from '@handover/contracts';
import type { TokenSigner } from '@handover/crypto';
import { renderThirdPartyEscalation, renderThirdPartyRequest, type Mailer } from '@handover/mail';
import { ledgerMessageId, type CaseEntity, type CaseKeyService, type CaseRepository, type MailLedgerRepository, type ThirdPartyRepository } from '@handover/persistence';
import type { Logger } from '@handover/logging';
import { loadCase as loadCaseOf } from '../cases/load-case';
import { sendOnce, type SendOutcome } from '../mail/send-once';

export interface ThirdPartyActivityDeps {
  cases: CaseRepository;
  keys: CaseKeyService;
  thirdParties: ThirdPartyRepository;
  ledger: MailLedgerRepository;
  mailer: Mailer;
  /** Signs the third parties' portal links (portalTokenSigner of the master key, purpose 'third-party'). */
  tokens: TokenSigner;
  /** Base URL of the portal; links are `${portalUrl}/t/${token}`. */
  portalUrl: string;
  mailDomain: string;
  logger: Logger;
}

/** Links stay valid this long after the due time: a late confirmation is accepted and recorded as late. */
export const THIRD_PARTY_LINK_VALIDITY_AFTER_DUE_MS = 365 * 86_400_000;

const OPAQUE_ID = /^[A-Za-z0-9_:-]{1,128}$/;

export const emptyThirdPartyCounters = (): ThirdPartyMailingCounters => ({ requested: 0, sent: 0, bounced: 0, skipped: 0 });

function count(counters: ThirdPartyMailingCounters, outcome: SendOutcome): void {
  counters[outcome] += 1;
}

/**
 * The third-party deletion activities (issue 5, docs/legal.md §4). Names and addresses are decrypted
 * here only, one third party at a time; results, logs and errors carry ids and counts. Each
 * message goes through the send ledger (key: case, third-party id, mailing), so a retry never
 * mails twice. Time-based decisions are the workflow's: these only do what they are told.
 */
export function createThirdPartyActivities(deps: ThirdPartyActivityDeps): ThirdPartyActivities {
  const portalUrl = deps.portalUrl.replace(/\/+$/, '');
  const sendDeps = { ledger: deps.ledger, mailer: deps.mailer, logger: deps.logger };

  const loadCase = (caseId: string) => {
    assertCaseId(caseId);
    return loadCaseOf(deps, caseId);
  };

  /** Mails one third party its request (reminder 0) or the n-th reminder, with a freshly signed link. */
  async function mailParty(
    caseId: string,
    entity: CaseEntity,
    party: { id: string; name: string; email: string; categories: string[] },
    dueAt: Date,
    reminder: number,
  ): Promise<SendOutcome> {
    const mailing = reminder === 0 ? THIRD_PARTY_REQUEST_MAILING : thirdPartyReminderMailing(reminder);
    const key = { caseId, subjectId: party.id, mailing };
    const token = deps.tokens.sign({
      purpose: 'third-party',
      subject: party.id,
      caseId,
      expiresAt: new Date(dueAt.getTime() + THIRD_PARTY_LINK_VALIDITY_AFTER_DUE_MS),
    });
    const rendered = renderThirdPartyRequest({
      thirdPartyName: party.name,
      transferorName: entity.transferor.name,
      caseId,
      categories: party.categories,
      dueAt: dueAt.toISOString(),
      link: `${portalUrl}/t/${token}`,
      reminder,
    });
    return sendOnce(
      sendDeps,
      key,
      () => ({ to: party.email, subject: rendered.subject, text: rendered.text, html: rendered.html, messageId: ledgerMessageId(key, deps.mailDomain) }),
      { wordingVersion: rendered.wordingVersion },
    );
  }

  return {
    async requestThirdPartyDeletion({ caseId, deadline }) {
      const due = parseInstant(deadline, 'deadline');
      const { cipher, entity } = await loadCase(caseId);
      const counters = emptyThirdPartyCounters();
      // pending: mark requested first (its link does not exist before the mail, so no answer races
      // this write), then mail. requested: a retry or a second pass; the ledger skips what was sent.
      for (const party of await deps.thirdParties.unanswered(caseId, ['pending', 'requested'], cipher)) {
        let dueAt = party.dueAt ?? due;
        if (party.status === 'pending') {
          if (await deps.thirdParties.markRequested(party.id, new Date(), due)) counters.requested += 1;
          dueAt = due;
        }
        count(counters, await mailParty(caseId, entity, party, dueAt, 0));
      }
      deps.logger.info({ caseId, counters }, 'third-party deletion requests sent');
      return counters;
    },

    async remindThirdParties({ caseId, deadline, reminder }) {
      if (!Number.isInteger(reminder) || reminder < 1) throw ApplicationFailure.nonRetryable('reminder must be a positive integer', 'BAD_INPUT');
      const due = parseInstant(deadline, 'deadline');
      const { cipher, entity } = await loadCase(caseId);
      const counters = emptyThirdPartyCounters();
      for (const party of await deps.thirdParties.unanswered(caseId, ['requested'], cipher)) {
        count(counters, await mailParty(caseId, entity, party, party.dueAt ?? due, reminder));
      }
      deps.logger.info({ caseId, reminder, counters }, 'third-party reminders sent');
      return counters;
    },

    async escalateOverdueThirdParties({ caseId, deadline }) {
      const due = parseInstant(deadline, 'deadline');
      const { cipher, entity } = await loadCase(caseId);
      const at = new Date();
      // requested → overdue for the unanswered; then put back any answer that a concurrent portal
      // write may have lost to these updates (the answer document is inserted before its projection).
      const late = await deps.thirdParties.unanswered(caseId, ['requested', 'overdue'], cipher);
      for (const party of late) if (party.status === 'requested') await deps.thirdParties.markOverdue(party.id, at);
      const repaired = await deps.thirdParties.reapplyAnswers(caseId);
      const overdue = await deps.thirdParties.unanswered(caseId, ['overdue'], cipher);
      if (overdue.length === 0) {
        deps.logger.info({ caseId, repaired }, 'no third party overdue');
        return { overdue: 0, escalated: false };
      }
      const key = { caseId, subjectId: 'manager', mailing: THIRD_PARTY_ESCALATION_MAILING };
      const rendered = renderThirdPartyEscalation({
        managerName: entity.manager.name,
        caseId,
        dueAt: due.toISOString(),
        overdue: overdue.map((party) => ({ id: party.id, name: party.name, categories: party.categories })),
      });
      const outcome = await sendOnce(
        sendDeps,
        key,
        () => ({ to: entity.manager.email, subject: rendered.subject, text: rendered.text, html: rendered.html, messageId: ledgerMessageId(key, deps.mailDomain) }),
        { wordingVersion: rendered.wordingVersion },
      );
      deps.logger.info({ caseId, overdue: overdue.length, repaired, outcome }, 'third parties overdue; case manager escalated');
      return { overdue: overdue.length, escalated: outcome !== 'bounced' };
    },

    async summarizeThirdParties({ caseId }) {
      assertCaseId(caseId);
      return deps.thirdParties.summary(caseId);
    },
  };
}

function assertCaseId(caseId: unknown): asserts caseId is string {
  if (typeof caseId !== 'string' || !OPAQUE_ID.test(caseId)) throw ApplicationFailure.nonRetryable('caseId must be an opaque id', 'BAD_INPUT');
}

function parseInstant(value: unknown, field: string): Date {
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw ApplicationFailure.nonRetryable(`${field} must be an ISO-8601 instant`, 'BAD_INPUT');
  return new Date(at);
}
