import { escapeHtml, htmlDocument } from '@handover/mail';
import type { ComplianceReport } from './report.model';

type Cell = string | number | boolean | null | undefined;

const cell = (value: Cell): string => escapeHtml(value === null || value === undefined ? '—' : String(value));

function table(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  if (rows.length === 0) return '<p>—</p>';
  const head = headers.map((h) => `<th style="text-align:left;border-bottom:1px solid #999;padding:2px 6px">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((v) => `<td style="padding:2px 6px;border-bottom:1px solid #eee">${cell(v)}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse;width:100%;font-size:0.9em"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const pairs = (record: Record<string, number>): Array<[string, number]> => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

/**
 * The compliance report as one self-contained HTML page (bilingual headings, zh-CN first), the
 * same figures as the JSON. Every value is escaped.
 */
export function renderReportHtml(report: ComplianceReport): string {
  const c = report.counts;
  const sections = [
    report.interim
      ? '<h1>中期合规报告 / Interim compliance report</h1><p><strong>案件尚未结案，本报告不是最终报告 / The case is not closed: this is not the final report</strong></p>'
      : '<h1>合规报告 / Compliance report</h1>',
    `<p>案件 Case <code>${cell(report.caseId)}</code> · ${cell(report.generatedAt)}</p>`,
    `<p><strong>${report.reconciled ? '全部核对一致 / Every figure reconciles' : '存在未核对一致的数字 / Some figures do not reconcile'}</strong></p>`,
    '<h2>案件 / Case</h2>',
    table(['kind', 'jurisdiction', 'status', 'phase', 'transferor', 'recipient', 'created', 'started'], [
      [report.case.kind, report.case.jurisdiction, report.case.status, report.case.phase, report.case.transferor, report.case.recipient, report.case.createdAt, report.case.startedAt],
    ]),
    '<h2>核对 / Reconciliation</h2>',
    table(['check', 'expected', 'actual', 'ok'], report.reconciliation.map((r) => [r.check, r.expected, r.actual, r.ok ? '✓' : '✗'])),
    '<h2>路径与规则 / Routes and the rules behind them</h2>',
    `<p>${cell(report.routes.rulePackId)} ${cell(report.routes.rulePackVersion)}</p>`,
    table(['route', 'customers'], pairs(report.routes.byRoute)),
    table(
      ['route', 'rule', 'article', 'customers'],
      Object.entries(report.routes.rules).flatMap(([route, rules]) => rules.map((r) => [route, r.ruleId, r.article, r.customers])),
    ),
    '<h2>数量 / Counts</h2>',
    table(['figure', 'value'], [
      ['customers', c.customers],
      ['rejected rows', c.rejectedRows],
      ['notified', c.notified],
      ['bounced', c.bounced],
      ['public announcement', c.publicAnnouncement],
      ['consented', c.consented],
      ['refused', c.refused],
      ['objected', c.objected],
      ['withdrawn', c.withdrawn],
      ['no response', c.noResponse],
      ['outcome transfer', c.outcomes.transfer],
      ['outcome not transfer', c.outcomes.notTransfer],
      ['excluded by a request', c.excludedByRequest],
      ...pairs(c.dispositions).map(([k, v]): Cell[] => [`disposition ${k}`, v]),
    ]),
    '<h2>通知 / Notices</h2>',
    table(['mailing', 'by status', 'wording versions'], report.notices.map((n) => [n.mailing, pairs(n.byStatus).map(([k, v]) => `${k} ${v}`).join(', '), n.wordingVersions.join(', ')])),
    '<h2>同意与拒绝 / Consents, refusals, objections</h2>',
    table(['decision', 'evidence records'], pairs(report.consents.byDecision)),
    `<p>wording versions: ${cell(report.consents.wordingVersions.join(', '))}</p>`,
    '<h2>移交 / Handover</h2>',
    report.handover
      ? table(['package', 'created', 'records', 'acknowledged', 'files'], [
          [report.handover.packageId, report.handover.createdAt, report.handover.records, report.handover.acknowledgedAt, report.handover.files.map((f) => `${f.name} sha256:${f.sha256}`).join('; ')],
        ])
      : '<p>无接收方 / No recipient: nothing handed over</p>',
    '<h2>第三方 / Third parties</h2>',
    table(['name', 'status', 'requested', 'due', 'confirmed', 'late', 'answer'], report.thirdParties.map((t) => [t.name, t.status, t.requestedAt, t.dueAt, t.confirmedAt, t.late, t.answer?.kind])),
    '<h2>个人信息主体请求 / Data-subject requests</h2>',
    table(['id', 'type', 'status', 'filed', 'due', 'extended', 'resolved', 'outcome', 'late'], report.requests.map((r) => [r.id, r.type, r.status, r.filedAt, r.dueAt, r.extended, r.resolvedAt, r.outcome, r.late])),
    '<h2>删除证明 / Deletion certificates</h2>',
    table(['stage', 'count', 'method', 'at', 'destroyed key id hashes', 'records digest'], report.deletion.certificates.map((d) => [d.stage, d.count, d.method, d.at, d.destroyedKeyIdHashes.join(' '), d.recordsDigest])),
    '<h2>个人信息保护影响评估 / PIIA</h2>',
    report.piia ? `<p>version ${cell(report.piia.version)} · final ${cell(report.piia.final)} · ${cell(report.piia.createdAt)}</p>` : '<p>—</p>',
    '<h2>未完成事项 / Outstanding items</h2>',
    table(['kind', 'id', 'detail'], report.outstanding.map((o) => [o.kind, o.id, o.detail])),
    // Last, so the printed report ends with the state of the audit chain.
    '<h2>审计链 / Audit trail</h2>',
    `<p>events ${cell(report.audit.events)} · valid ${cell(report.audit.valid)}</p>`,
  ];
  return htmlDocument('zh-CN', `${report.interim ? 'Interim compliance report' : 'Compliance report'} ${report.caseId}`, sections.join('\n'));
}
