import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import type { CaseDeadlines, MailingCounters, MailingInput, NotificationActivities } from '@handover/contracts';
import type { TokenSigner } from '@handover/crypto';
import { renderCaseCancelledNotice, renderNotice, type Mailer } from '@handover/mail';
import {
  decryptCustomerPersonal,
  ledgerMessageId,
  recordsDigest,
  type AuditRepository,
  type CaseKeyService,
  type CaseRepository,
  type MailLedgerRepository,
} from '@handover/persistence';
import type { Logger } from '@handover/logging';
import { loadCase as loadCaseOf } from '../cases/load-case';
import { sendOnce, type SendOutcome } from '../mail/send-once';
import { withKeepAlive } from '../inventory/keep-alive';
import { buildNoticeModel } from './notice-model';
import { recordWorkflowEvent } from '../audit/workflow-audit';
import type { MailingCustomer, NotificationStore } from '@handover/persistence';
import { buildPublicAnnouncement, countOutcome, decideOutcome, emptyOutcomeCounters, mailingAudience, mailingQuery, OUTCOME_RULES } from '@handover/domain';
import { prefetchedPages, runOrderedPool } from './ordered-pool';

export interface NotificationActivityDeps {
  cases: CaseRepository;
  keys: CaseKeyService;
  ledger: MailLedgerRepository;
  store: NotificationStore;
  mailer: Mailer;
  /** Signs the customers' portal links (portalTokenSigner of the master key). */
  tokens: TokenSigner;
  /** Base URL of the portal; links are `${portalUrl}/c/${token}`. */
  portalUrl: string;
  mailDomain: string;
  logger: Logger;
  /** The case's audit chain: one event per mailing batch (counts and a digest of its customer refs). */
  audit: AuditRepository;
  /** Messages in flight at once. At least the SMTP pool's connections, so that the pool stays busy. */
  concurrency: number;
  /** Customers per keyset page (and per checkpoint). Default 200. */
  batchSize?: number;
  /** Least time between progress heartbeats inside a page (the SDK throttles as well). Default 1 s. */
  heartbeatIntervalMs?: number;
}

/**
 * Heartbeat details of sendCustomerMailing: the last customer `_id` (opaque: case id and blind
 * index) of the last page fully handled, and the counters up to it. Ids and counters only.
 */
export interface MailingCheckpoint {
  afterId?: string;
  counters: MailingCounters;
}

/** Portal links stay valid this long after the consent deadline (requests after the deadline). */
export const LINK_VALIDITY_AFTER_DEADLINE_MS = 90 * 86_400_000;

const DEFAULT_BATCH_SIZE = 200;
const OPAQUE_ID = /^[A-Za-z0-9_:-]{1,128}$/;
const MAILING_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const emptyMailingCounters = (): MailingCounters => ({
  eligible: 0,
  sent: 0,
  bounced: 0,
  skipped: 0,
  resent: 0,
  publicAnnouncement: 0,
});

/** What happened to one customer of a mailing. */
type CustomerResult = SendOutcome | 'public-announcement' | 'none';

/**
 * Counting: `eligible` = customers of the mailing's audience with an email address (one message
 * due each) = sent + bounced + skipped when the mailing completes; `publicAnnouncement` = audience
 * without an address; customers outside the audience (hold, answered on a reminder…) count nowhere.
 * `resent` is read from the ledger at the end (entries taken again after an attempt died while
 * they were `sending`): the upper bound of the duplicates.
 */

function addResult(counters: MailingCounters, result: CustomerResult): void {
  switch (result) {
    case 'none':
      return;
    case 'public-announcement':
      counters.publicAnnouncement += 1;
      return;
    default:
      counters.eligible += 1;
      counters[result] += 1;
  }
}

/**
 * The notification phase's activities (issue 4): deadlines on the case, the customer mailings
 * (notice with the consent request where the route needs it, then reminders), and the outcomes at
 * the deadline. Personal data is decrypted inside sendCustomerMailing only, one customer at a
 * time; heartbeats, logs, errors and results carry ids and counters only.
 */
export function createNotificationActivities(deps: NotificationActivityDeps): NotificationActivities {
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  const heartbeatIntervalMs = deps.heartbeatIntervalMs ?? 1000;
  const portalUrl = deps.portalUrl.replace(/\/+$/, '');

  const loadCase = (caseId: string) => loadCaseOf(deps, caseId);

  return {
    async recordDeadlines({ caseId, noticeDeadline, consentDeadline }) {
      assertCaseId(caseId);
      const deadlines = assertDeadlines({ noticeDeadline, consentDeadline });
      await deps.cases.saveDeadlines(caseId, deadlines);
      deps.logger.info({ caseId }, 'notification deadlines recorded');
    },

    async sendCustomerMailing(input: MailingInput): Promise<MailingCounters> {
      const { caseId, mailing, reminder } = input;
      assertCaseId(caseId);
      if (!MAILING_ID.test(mailing)) throw ApplicationFailure.nonRetryable('mailing must be a lower-case id such as notice or reminder-1', 'BAD_INPUT');
      if (!Number.isInteger(reminder) || reminder < 0) throw ApplicationFailure.nonRetryable('reminder must be a non-negative integer', 'BAD_INPUT');
      const deadlines = assertDeadlines(input);
      const ctx = Context.current();
      const { cipher, entity } = await loadCase(caseId);

      const resume = mailingCheckpointOf(ctx.info.heartbeatDetails);
      const counters = resume?.counters ?? emptyMailingCounters();
      let afterId = resume?.afterId;
      const expiresAt = new Date(Date.parse(deadlines.consentDeadline) + LINK_VALIDITY_AFTER_DEADLINE_MS);
      const query = mailingQuery(reminder);
      const sendDeps = { ledger: deps.ledger, mailer: deps.mailer, logger: deps.logger };

      let lastBeat = 0;
      const beat = (force: boolean): void => {
        const now = Date.now();
        if (!force && now - lastBeat < heartbeatIntervalMs) return;
        lastBeat = now;
        ctx.heartbeat({ ...(afterId !== undefined && { afterId }), counters: { ...counters } } satisfies MailingCheckpoint);
      };

      const mailOne = async (customer: MailingCustomer): Promise<CustomerResult> => {
        const audience = mailingAudience(customer, reminder);
        if (audience !== 'email') return audience;
        const personal = decryptOrFail(() => decryptCustomerPersonal(customer, cipher), customer._id);
        const to = personal.email?.trim();
        if (!to) return 'public-announcement';
        const key = { caseId, subjectId: customer.ref, mailing };
        const token = deps.tokens.sign({ purpose: 'customer', subject: customer.ref, caseId, expiresAt });
        const rendered = renderNotice(
          buildNoticeModel({
            caseFacts: entity,
            customer: {
              route: customer.route as string,
              sensitive: customer.sensitive ?? [],
              noticeAdditions: customer.noticeAdditions ?? null,
              locale: customer.locale ?? null,
            },
            personal,
            deadlines,
            link: `${portalUrl}/c/${token}`,
            reminder,
          }),
        );
        const messageId = ledgerMessageId(key, deps.mailDomain);
        return sendOnce(
          sendDeps,
          key,
          () => ({ to, subject: rendered.subject, text: rendered.text, html: rendered.html, messageId }),
          { wordingVersion: rendered.wordingVersion },
        );
      };

      // One audit event per page, appended in page order (onPageDone is synchronous: the appends chain).
      let batchEvents: Promise<void> = recordWorkflowEvent(deps.audit, caseId, 'mailing.requested', { mailing, reminder, resumed: resume !== undefined });
      // Marked handled at once (a failed append must not be an unhandled rejection mid-pool); awaited below.
      void batchEvents.catch(() => undefined);
      let batch = 0;
      const recordBatch = (refs: string[], results: readonly CustomerResult[]): void => {
        batch += 1;
        const data = {
          mailing,
          reminder,
          batch,
          customers: refs.length,
          sent: results.filter((r) => r === 'sent').length,
          failed: results.filter((r) => r === 'bounced').length,
          skipped: results.filter((r) => r === 'skipped').length,
          publicAnnouncement: results.filter((r) => r === 'public-announcement').length,
          customersDigest: recordsDigest(refs),
        };
        batchEvents = batchEvents.then(() => recordWorkflowEvent(deps.audit, caseId, 'mailing.batch.sent', data));
        void batchEvents.catch(() => undefined);
      };

      beat(true);
      try {
        await runOrderedPool<MailingCustomer, CustomerResult>({
          pages: prefetchedPages(deps.store.mailingBatches(caseId, query, { ...(afterId !== undefined && { after: afterId }), batchSize })),
          concurrency: deps.concurrency,
          work: mailOne,
          onResult: () => beat(false),
          onPageDone: (page, results) => {
            for (const result of results) addResult(counters, result);
            recordBatch(page.items.map((customer) => customer.ref), results);
            afterId = page.lastId;
            beat(true);
          },
          stopReason: () => (ctx.cancellationSignal.aborted ? cancellationOf(ctx.cancellationSignal) : undefined),
        });
      } catch (error) {
        // The last checkpoint reaches the server before the retry reads it.
        beat(true);
        await batchEvents.catch(() => undefined);
        deps.logger.warn({ caseId, mailing, ...(afterId !== undefined && { afterId }), counters }, 'customer mailing attempt stopped; the retry resumes');
        throw error;
      }

      await batchEvents;
      counters.resent = await deps.ledger.countResent(caseId, mailing);
      if (reminder === 0) {
        const announcement = buildPublicAnnouncement(entity, deadlines, counters.publicAnnouncement);
        await deps.store.savePublicAnnouncement(caseId, { ...announcement, mailing }, new Date());
        // The notice mailing is the only writer of these two: the status now equals the ledger.
        await deps.cases.recountStatistics(caseId, ['notified', 'bounced']);
      }
      await recordWorkflowEvent(deps.audit, caseId, 'mailing.completed', { mailing, reminder, batches: batch, eligible: counters.eligible, sent: counters.sent, failed: counters.bounced });
      deps.logger.info({ caseId, mailing, reminder, counters }, 'customer mailing finished');
      return counters;
    },

    async sendCancellationNotices({ caseId }) {
      assertCaseId(caseId);
      const notified = await deps.ledger.claimedSubjects(caseId, 'notice');
      if (notified.size === 0) return { notified: 0 };
      const { cipher, entity } = await loadCase(caseId);
      const ctx = Context.current();
      let sent = 0;
      // One customer at a time (a cancellation is rare; the ledger makes a retry skip those done).
      for await (const page of deps.store.customerBatches(caseId, { batchSize })) {
        for (const customer of page) {
          if (!notified.has(customer.ref) || !customer.personalEnc) continue;
          const personal = decryptCustomerPersonal(customer, cipher);
          if (!personal.email) continue;
          const key = { caseId, subjectId: customer.ref, mailing: 'case-cancelled' };
          const rendered = renderCaseCancelledNotice({
            ...(personal.name && { customerName: personal.name }),
            transferorName: entity.transferor.name,
            ...(entity.recipient && { recipientName: entity.recipient.name }),
            caseId,
          });
          const outcome = await sendOnce(
            deps,
            key,
            () => ({ to: personal.email as string, subject: rendered.subject, text: rendered.text, html: rendered.html, messageId: ledgerMessageId(key, deps.mailDomain) }),
            { wordingVersion: rendered.wordingVersion },
          );
          if (outcome === 'sent') sent += 1;
          ctx.heartbeat({ sent });
        }
      }
      deps.logger.info({ caseId, sent }, 'cancellation notices sent');
      return { notified: sent };
    },

    async fixOutcomes({ caseId }) {
      assertCaseId(caseId);
      const ctx = Context.current();
      const at = new Date();
      const excluded = await deps.store.excludedIds(caseId);
      // Writes: one statement per rule, then the few exclusions by id. Idempotent: a retry after a
      // crash rewrites nothing that is already right, and outcomeAt keeps its first value.
      const progress = { stage: 'write', written: 0 };
      const write = (rules: typeof OUTCOME_RULES) =>
        withKeepAlive(ctx, 5_000, () => ({ ...progress }), async () => {
          for (const rule of rules) progress.written += await deps.store.setOutcomeWhere(caseId, rule.where, rule.outcome, at, excluded);
        });
      await write(OUTCOME_RULES.filter((rule) => !rule.unroutedOnly));
      progress.written += await deps.store.setOutcomes([...excluded].map((id) => ({ id, outcome: 'not-transfer' as const })), at);
      // One read pass: the counters, and every stored outcome checked against decideOutcome. A
      // mismatch (an answer that landed during the writes) fails the attempt; the retry converges.
      const check = async () => {
        const counters = emptyOutcomeCounters();
        let mismatched = 0;
        let unrouted = 0;
        for await (const page of deps.store.outcomeBatches(caseId, { batchSize })) {
          if (ctx.cancellationSignal.aborted) throw cancellationOf(ctx.cancellationSignal);
          for (const customer of page) {
            const outcome = decideOutcome({ ...customer, excluded: excluded.has(customer._id) });
            countOutcome(counters, customer, outcome);
            if (customer.outcome !== outcome) mismatched += 1;
            if (customer.route === undefined || customer.route === null) unrouted += 1;
          }
          ctx.heartbeat({ stage: 'check', counters: { ...counters } });
        }
        return { counters, mismatched, unrouted };
      };
      let checked = await check();
      // Customers without a route (never in a case whose routes were sealed): their rule decodes
      // every transferable customer on FerretDB, so it runs only when there are some.
      if (checked.unrouted > 0) {
        await write(OUTCOME_RULES.filter((rule) => rule.unroutedOnly));
        checked = await check();
      }
      const { counters, mismatched } = checked;
      if (mismatched > 0) throw new Error(`${mismatched} customers of case ${caseId} do not have the outcome their rule gives; retrying`);
      // The consent deadline has passed (answers are closed): every status figure from the data.
      await deps.cases.recountStatistics(caseId);
      deps.logger.info({ caseId, counters }, 'customer outcomes fixed');
      return counters;
    },
  };
}

function assertCaseId(caseId: unknown): asserts caseId is string {
  if (typeof caseId !== 'string' || !OPAQUE_ID.test(caseId)) throw ApplicationFailure.nonRetryable('caseId must be an opaque id', 'BAD_INPUT');
}

function assertDeadlines(input: CaseDeadlines): CaseDeadlines {
  const notice = Date.parse(input.noticeDeadline);
  const consent = Date.parse(input.consentDeadline);
  if (Number.isNaN(notice) || Number.isNaN(consent)) {
    throw ApplicationFailure.nonRetryable('noticeDeadline and consentDeadline must be ISO-8601 instants', 'BAD_INPUT');
  }
  return { noticeDeadline: new Date(notice).toISOString(), consentDeadline: new Date(consent).toISOString() };
}

/** A ciphertext that does not open will not open on a retry either: stop and let a person look (id only). */
function decryptOrFail<T>(decrypt: () => T, customerId: string): T {
  try {
    return decrypt();
  } catch {
    throw ApplicationFailure.nonRetryable(`customer ${customerId} could not be decrypted (case key shredded or record damaged)`, 'CUSTOMER_UNREADABLE');
  }
}

function cancellationOf(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new CancelledFailure('activity cancelled');
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function countersOf<K extends string>(value: unknown, keys: readonly K[]): Record<K, number> | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const out = {} as Record<K, number>;
  for (const key of keys) {
    const count = record[key];
    if (!isCount(count)) return null;
    out[key] = count;
  }
  return out;
}

function checkpointParts(details: unknown): { afterId?: string; counters: unknown } | null {
  if (typeof details !== 'object' || details === null) return null;
  const { afterId, counters } = details as { afterId?: unknown; counters?: unknown };
  if (afterId !== undefined && (typeof afterId !== 'string' || afterId === '')) return null;
  return { ...(afterId !== undefined && { afterId }), counters };
}

/** The checkpoint of an earlier attempt, or null (first attempt, or details of another shape). */
export function mailingCheckpointOf(details: unknown): MailingCheckpoint | null {
  const parts = checkpointParts(details);
  const counters = parts && countersOf(parts.counters, ['eligible', 'sent', 'bounced', 'skipped', 'resent', 'publicAnnouncement'] as const);
  return parts && counters ? { ...(parts.afterId !== undefined && { afterId: parts.afterId }), counters } : null;
}

