import { ApplicationFailure, Context } from '@temporalio/activity';
import { INCIDENT_NOTICE_MAILING, incidentAuditScope, type IncidentNoticeCounters } from '@handover/contracts';
import { affectedScope } from '@handover/domain';
import { incidentNoticeFromDraft, renderIncidentDrillSummary } from '@handover/mail';
import { decryptCustomerPersonal, ledgerMessageId, type AffectedCustomer, type IncidentNoticeDraft, type IncidentRecord } from '@handover/persistence';
import { sendOnce, type SendOutcome } from '../mail/send-once';
import { SYSTEM_ACTOR } from './assess-incident';
import type { IncidentActivityDeps } from './incident.deps';
import { customerLocale, internalSubjectId } from './recipients';

/** Heartbeat details: resume after the last customer of the last finished page. */
export interface NoticeCheckpoint {
  after?: string;
  counters: IncidentNoticeCounters;
}

export const DRILL_NOTICE_MAILING = 'incident-notice-drill';

const zero = (drill: boolean): IncidentNoticeCounters => ({ eligible: 0, sent: 0, bounced: 0, skipped: 0, noEmail: 0, unreachable: 0, internal: 0, drill });

function tally(counters: IncidentNoticeCounters, outcome: SendOutcome): void {
  if (outcome === 'sent') counters.sent += 1;
  else if (outcome === 'bounced') counters.bounced += 1;
  else counters.skipped += 1;
}

/**
 * The individual notice, once its task is approved. Real incident: one message per affected
 * customer with an email address, through the send ledger (key: incident id, customer ref,
 * `incident-notice`), page by page with heartbeats; customers without email are counted for the
 * phone/SMS or announcement channels. Drill: never a customer — one summary per internal address.
 */
export async function sendIncidentNotices(deps: IncidentActivityDeps, { incidentId }: { incidentId: string }): Promise<IncidentNoticeCounters> {
  const incident = await deps.incidents.findById(incidentId);
  if (!incident) throw ApplicationFailure.nonRetryable(`incident ${incidentId} not found`, 'INCIDENT_NOT_FOUND');
  const draft = incident.drafts?.notice;
  if (!draft) throw ApplicationFailure.nonRetryable(`incident ${incidentId} has no notice draft`, 'INCIDENT_NOT_ASSESSED');
  const counters = incident.drill ? await drillNotices(deps, incident, draft) : await customerNotices(deps, incident, draft);
  await deps.audit.append(incidentAuditScope(incidentId), {
    actor: SYSTEM_ACTOR,
    action: incident.drill ? 'notices.drill-sent' : 'notices.sent',
    subject: { type: 'incident', id: incidentId },
    data: { ...counters, wordingVersion: draft.wordingVersion },
  });
  deps.logger.info({ incidentId, ...counters }, 'incident notices done');
  return counters;
}

async function drillNotices(deps: IncidentActivityDeps, incident: IncidentRecord, draft: IncidentNoticeDraft): Promise<IncidentNoticeCounters> {
  const counters = zero(true);
  const counts = incident.caseId
    ? await deps.population.count(incident.caseId, affectedScope(incident.categories))
    : { total: incident.affectedEstimate ?? 0, withEmail: 0, phoneOnly: 0, unreachable: 0 };
  Object.assign(counters, { eligible: counts.total, noEmail: counts.phoneOnly, unreachable: counts.unreachable });
  const mail = renderIncidentDrillSummary({ incidentId: incident.id, eligible: counts.total, withEmail: counts.withEmail, phoneOnly: counts.phoneOnly, unreachable: counts.unreachable, notice: draft });
  for (const address of deps.internalAddresses) {
    const key = { caseId: incident.id, subjectId: internalSubjectId(address), mailing: DRILL_NOTICE_MAILING };
    const outcome = await sendOnce(deps, key, () => ({ to: address, messageId: ledgerMessageId(key, deps.mailDomain), subject: mail.subject, text: mail.text, html: mail.html }), { wordingVersion: mail.wordingVersion });
    if (outcome === 'sent' || outcome === 'skipped') counters.internal += 1;
  }
  return counters;
}

async function customerNotices(deps: IncidentActivityDeps, incident: IncidentRecord, draft: IncidentNoticeDraft): Promise<IncidentNoticeCounters> {
  if (!incident.caseId) return zero(false); // no inventory: nobody to mail (counts are an estimate)
  const caseId = incident.caseId;
  const ctx = Context.current();
  const resume = ctx.info.heartbeatDetails as NoticeCheckpoint | undefined;
  const counters: IncidentNoticeCounters = { ...(resume?.counters ?? zero(false)) };
  let after = resume?.after;
  const cipher = await deps.keys.require(caseId);
  const scope = affectedScope(incident.categories);
  const mails = { 'zh-CN': incidentNoticeFromDraft('zh-CN', draft['zh-CN']), en: incidentNoticeFromDraft('en', draft.en) } as const;
  const batchSize = deps.batchSize ?? 200;
  const concurrency = deps.concurrency ?? 5;

  const notify = async (customer: AffectedCustomer): Promise<void> => {
    counters.eligible += 1;
    if (!customer.channels?.email) {
      if (customer.reachable) counters.noEmail += 1;
      else counters.unreachable += 1;
      return;
    }
    const personal = decryptCustomerPersonal(customer, cipher);
    const to = personal.email;
    if (!to) {
      counters.noEmail += 1;
      return;
    }
    const locale = customerLocale(customer.locale, personal);
    const key = { caseId: incident.id, subjectId: customer.ref, mailing: INCIDENT_NOTICE_MAILING };
    const mail = mails[locale];
    tally(counters, await sendOnce(deps, key, () => ({ to, messageId: ledgerMessageId(key, deps.mailDomain), ...mail }), { wordingVersion: draft.wordingVersion }));
  };

  // Mid-page heartbeats repeat the last committed checkpoint: a retry redoes the unfinished page,
  // and the ledger turns what that page already sent into skips.
  let committed: NoticeCheckpoint = { ...(after !== undefined && { after }), counters: { ...counters } };
  for (;;) {
    const page = await deps.population.page(caseId, scope, { ...(after !== undefined && { after }), limit: batchSize });
    if (page.length === 0) break;
    for (let i = 0; i < page.length; i += concurrency) {
      await Promise.all(page.slice(i, i + concurrency).map(notify));
      ctx.heartbeat(committed);
    }
    after = (page[page.length - 1] as AffectedCustomer)._id;
    committed = { after, counters: { ...counters } };
    ctx.heartbeat(committed);
    if (page.length < batchSize) break;
  }
  // Sent and bounced from the ledger: exact across retries, whatever the attempts counted.
  const [sent, bounced] = await Promise.all([
    deps.ledger.countByStatus(incident.id, INCIDENT_NOTICE_MAILING, 'sent'),
    deps.ledger.countByStatus(incident.id, INCIDENT_NOTICE_MAILING, 'bounced'),
  ]);
  Object.assign(counters, { sent, bounced });
  return counters;
}
