import { Context } from '@temporalio/activity';
import { DISPOSITIONS, type DispositionCounts, type ReportActivities } from '@handover/contracts';
import { CONSENT_ROUTES, mailingAudience } from '@handover/domain';
import type {
  AnswerRepository,
  AuditRepository,
  CaseKeyService,
  CaseRepository,
  ComplianceReportRepository,
  CustomerRepository,
  InterimReportRepository,
  DeletionCertificateRepository,
  MailLedgerRepository,
  PiiaRepository,
  RejectionRepository,
} from '@handover/persistence';
import type { Logger } from '@handover/logging';
import { loadCase } from '../cases/load-case';
import { reconcile } from './reconcile';
import { renderReportHtml } from './report-html';
import type { ComplianceReport, ReportHandover, ReportRequest, ReportThirdParty } from './report.model';

/** The sections other features own, read through their repositories (wired by the worker). */
export interface ReportSources {
  thirdParties(caseId: string): Promise<ReportThirdParty[]>;
  requests(caseId: string): Promise<ReportRequest[]>;
  handover(caseId: string): Promise<ReportHandover | null>;
}

export interface ReportActivityDeps {
  cases: CaseRepository;
  reports: ComplianceReportRepository;
  interimReports: InterimReportRepository;
  certificates: DeletionCertificateRepository;
  piia: PiiaRepository;
  audit: AuditRepository;
  customers: CustomerRepository;
  ledger: MailLedgerRepository;
  answers: AnswerRepository;
  rejections: RejectionRepository;
  keys: CaseKeyService;
  sources: ReportSources;
  /** Prints the report's HTML to PDF (Chromium: renderReportPdf); fails clearly without Chromium. */
  printPdf: (html: string) => Promise<Buffer>;
  logger: Logger;
}

/**
 * The compliance report (issue 5): built from every collection of the case in one pass over the
 * customers (plaintext classification fields only: nothing is decrypted but the case's parties),
 * stored as JSON, HTML and the HTML printed to PDF in `compliance_reports`. Rebuilding gives the same figures.
 */
export function createReportActivities(deps: ReportActivityDeps): ReportActivities {
  const { reports, certificates, piia, audit, customers, ledger, answers, rejections } = deps;

  async function customerPass(caseId: string) {
    const byRoute: Record<string, number> = {};
    const rules: Record<string, Map<string, { ruleId: string; article: string; customers: number }>> = {};
    const outcomes = { transfer: 0, notTransfer: 0, none: 0 };
    const dispositions = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as DispositionCounts;
    const decisions: Record<string, number> = {};
    let count = 0;
    let excluded = 0;
    let noResponse = 0;
    let byEmail = 0;
    let withoutEmail = 0;
    for await (const doc of customers.streamForReport(caseId)) {
      count += 1;
      const route = doc.route ?? 'none';
      byRoute[route] = (byRoute[route] ?? 0) + 1;
      const routeRules = (rules[route] ??= new Map());
      for (const reason of doc.routeReasons ?? []) {
        const key = `${reason.ruleId}|${reason.article}`;
        const entry = routeRules.get(key) ?? { ruleId: reason.ruleId, article: reason.article, customers: 0 };
        entry.customers += 1;
        routeRules.set(key, entry);
      }
      if (doc.outcome === 'transfer') outcomes.transfer += 1;
      else if (doc.outcome === 'not-transfer') outcomes.notTransfer += 1;
      else outcomes.none += 1;
      if (doc.disposition) dispositions[doc.disposition] += 1;
      if (doc.decision) decisions[doc.decision] = (decisions[doc.decision] ?? 0) + 1;
      if (doc.excluded) excluded += 1;
      if ((CONSENT_ROUTES as readonly string[]).includes(route) && !doc.decision) noResponse += 1;
      const audience = mailingAudience(doc, 0);
      if (audience === 'email') byEmail += 1;
      else if (audience === 'public-announcement') withoutEmail += 1;
      if (count % 5000 === 0) Context.current().heartbeat({ customers: count });
    }
    const ruleList = Object.fromEntries(Object.entries(rules).map(([route, map]) => [route, [...map.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId))]));
    return { customers: count, byRoute, rules: ruleList, outcomes, dispositions, decisions, excluded, noResponse, byEmail, withoutEmail };
  }

  /** Every section of the report, reconciled; `interim` marks one built before closure. */
  async function assemble(caseId: string, interim: boolean): Promise<ComplianceReport> {
    const { entity } = await loadCase(deps, caseId);
    const facts = await deps.cases.reportFacts(caseId);
    const pass = await customerPass(caseId);
    const noticeRows = await ledger.mailingSummaries(caseId);
    const notice = noticeRows.find((row) => row.mailing === 'notice');
    const [thirdParties, requests, handover, certs, latestPiia, chain, rejectedRows] = await Promise.all([
      deps.sources.thirdParties(caseId),
      deps.sources.requests(caseId),
      deps.sources.handover(caseId),
      certificates.listByCase(caseId),
      piia.latest(caseId),
      audit.verify(caseId),
      rejections.countByCase(caseId),
    ]);
    const generatedAt = new Date();
    const outstanding: ComplianceReport['outstanding'] = [
      ...thirdParties.filter((tp) => !['confirmed', 'exception'].includes(tp.status)).map((tp) => ({ kind: 'third-party', id: tp.id, detail: `status ${tp.status}` })),
      ...requests.filter((r) => !r.resolvedAt).map((r) => ({ kind: 'request', id: r.id, detail: `${r.type} due ${r.dueAt}` })),
      ...(handover && !handover.acknowledgedAt ? [{ kind: 'handover', id: handover.packageId, detail: 'recipient has not acknowledged receipt' }] : []),
      ...(pass.dispositions.held > 0 ? [{ kind: 'legal-hold', id: caseId, detail: `${pass.dispositions.held} records held under seal until their retention ends` }] : []),
      ...(notice?.byStatus['failed'] ? [{ kind: 'notice', id: 'notice', detail: `${notice.byStatus['failed']} notices failed temporarily and were not delivered` }] : []),
    ];
    const base: Omit<ComplianceReport, 'reconciliation' | 'reconciled'> = {
      reportVersion: 1,
      caseId,
      ...(interim && { interim: true as const }),
      generatedAt: generatedAt.toISOString(),
      case: {
        kind: entity.kind,
        jurisdiction: entity.jurisdiction,
        status: entity.status,
        phase: entity.phase,
        transferor: entity.transferor.name,
        recipient: entity.recipient?.name ?? null,
        createdAt: entity.createdAt.toISOString(),
        ...(entity.startedAt && { startedAt: entity.startedAt.toISOString() }),
        policy: { ...entity.policy },
      },
      routes: {
        ...(facts.rulePackId && { rulePackId: facts.rulePackId }),
        ...(facts.rulePackVersion && { rulePackVersion: facts.rulePackVersion }),
        byRoute: pass.byRoute,
        rules: pass.rules,
      },
      counts: {
        customers: pass.customers,
        rejectedRows,
        notified: notice?.byStatus['sent'] ?? 0,
        bounced: notice?.byStatus['bounced'] ?? 0,
        publicAnnouncement: facts.publicAnnouncement,
        consented: pass.decisions['consent'] ?? 0,
        refused: pass.decisions['refuse'] ?? 0,
        objected: pass.decisions['object'] ?? 0,
        withdrawn: pass.decisions['withdrawn'] ?? 0,
        noResponse: pass.noResponse,
        outcomes: pass.outcomes,
        excludedByRequest: pass.excluded,
        dispositions: pass.dispositions,
      },
      notices: noticeRows,
      consents: await answers.evidenceSummary(caseId),
      handover,
      thirdParties,
      requests,
      deletion: {
        certificates: certs
          .sort((a, b) => a.at.getTime() - b.at.getTime() || a.stage.localeCompare(b.stage))
          .map((c) => ({ id: c._id, stage: c.stage, count: c.count, method: c.method, at: c.at.toISOString(), destroyedKeyIdHashes: c.destroyedKeyIdHashes, recordsDigest: c.recordsDigest })),
      },
      piia: latestPiia ? { version: latestPiia.version, final: latestPiia.final, createdAt: latestPiia.createdAt.toISOString(), content: latestPiia.content } : null,
      audit: { events: chain.events, valid: chain.valid, ...(chain.firstBrokenAt !== undefined && { firstBrokenAt: chain.firstBrokenAt }) },
      outstanding,
    };
    const reconciliation = reconcile(base, { noticeAudienceByEmail: pass.byEmail, noticeAudienceWithoutEmail: pass.withoutEmail });
    return { ...base, reconciliation, reconciled: reconciliation.every((c) => c.ok) };
  }

  return {
    async buildComplianceReport({ caseId }) {
      // Built before the case key is shredded: the parties' names are still readable.
      const report = await assemble(caseId, false);
      const html = renderReportHtml(report);
      Context.current().heartbeat({ printing: true });
      const pdf = await deps.printPdf(html);
      await reports.save({ _id: caseId, caseId, generatedAt: new Date(report.generatedAt), reconciled: report.reconciled, json: report as unknown as Record<string, unknown>, html, pdf });
      deps.logger.info({ caseId, reconciled: report.reconciled, outstanding: report.outstanding.length }, 'compliance report built');
      return { reportId: caseId, reconciled: report.reconciled };
    },

    async buildInterimReport({ caseId, interimId, pdf }) {
      const report = await assemble(caseId, true);
      const html = renderReportHtml(report);
      Context.current().heartbeat({ printing: pdf });
      const printed = pdf ? await deps.printPdf(html) : undefined;
      await deps.interimReports.save({
        _id: interimId,
        caseId,
        generatedAt: new Date(report.generatedAt),
        reconciled: report.reconciled,
        json: report as unknown as Record<string, unknown>,
        html,
        ...(printed && { pdf: printed }),
      });
      deps.logger.info({ caseId, interimId, pdf }, 'interim compliance report built');
      return { reportId: interimId, reconciled: report.reconciled };
    },
  };
}

