import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { dateTime } from '../labels';

/** The handover package and the recipient's acknowledgement (once the package exists). */
export function CaseHandover({ caseId, enabled }: { caseId: string; enabled: boolean }) {
  const { t, i18n } = useTranslation();
  const pkg = useQuery({
    queryKey: ['case', caseId, 'package'],
    enabled,
    retry: false,
    refetchInterval: 5000,
    queryFn: () => unwrap(api.GET('/v1/cases/{id}/handover/package', { params: { path: { id: caseId } } })),
  });
  if (!enabled || !pkg.data) return <Typography.Text type="secondary">{t('casePage.noPackage')}</Typography.Text>;
  return (
    <div data-acknowledged={pkg.data.acknowledgedAt ? 'true' : 'false'}>
      <Space orientation="vertical">
        <Typography.Text>
          {t('casePage.packageRecords')}: <strong>{pkg.data.records}</strong>
        </Typography.Text>
        {pkg.data.acknowledgedAt ? (
          <Alert type="success" showIcon title={`${t('casePage.acknowledged')} · ${dateTime(pkg.data.acknowledgedAt, i18n.language)}`} />
        ) : (
          <Alert type="warning" showIcon title={t('casePage.notAcknowledged')} />
        )}
      </Space>
    </div>
  );
}

/**
 * The compliance report's downloads (same-origin links: the session cookie authenticates them),
 * offered once the closure gate is approved and the worker has built the report (before that the
 * API answers 409 REPORT_NOT_READY). The PDF is the one the worker printed when it built the report.
 */
export function CaseReport({ caseId, ready }: { caseId: string; ready: boolean }) {
  const { t } = useTranslation();
  const base = `/v1/cases/${encodeURIComponent(caseId)}/report`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" disabled={!ready} href={ready ? `${base}?format=pdf` : undefined} download={`report-${caseId}.pdf`}>{t('casePage.reportPdf')}</Button>
        <Button disabled={!ready} href={ready ? `${base}?format=html` : undefined} download={`report-${caseId}.html`}>{t('casePage.reportHtml')}</Button>
        <Button disabled={!ready} href={ready ? `${base}?format=json` : undefined} download={`report-${caseId}.json`}>{t('casePage.reportJson')}</Button>
      </Space>
      {ready ? null : <Typography.Text type="secondary">{t('casePage.reportNotReady')}</Typography.Text>}
    </Space>
  );
}
