import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Steps, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../components/data-table';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { ApiErrorAlert } from '../components/api-error-alert';
import { CaseCounters } from '../components/case-counters';
import { CaseAuditTrail } from '../components/case-audit-trail';
import { CaseCertificates } from '../components/case-certificates';
import { CaseHandover, CaseReport } from '../components/case-evidence';
import { CaseGates } from '../components/case-gates';
import { CaseRejected } from '../components/case-rejected';
import { CaseThirdParties } from '../components/case-third-parties';
import { InventoryUpload } from '../components/inventory-upload';
import { PageTitle } from '../components/page-title';
import { dateTime, PHASES } from '../labels';
import { canAudit, canManage, useSession } from '../session';

// ECharts is loaded only when a case page draws its charts: the initial bundle stays under its budget.
const RouteCharts = lazy(() => import('../charts/route-charts'));

/** One case: phases, gates, live counters (read every second), inventory, third parties, handover, certificates, report, audit trail. */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const status = useQuery({
    queryKey: ['case', id],
    queryFn: () => unwrap(api.GET('/v1/cases/{id}', { params: { path: { id } } })),
    refetchInterval: 1000,
    refetchIntervalInBackground: false,
  });
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/cases/{id}/start', { params: { path: { id } } })),
    onSuccess: async () => {
      void message.success(t('casePage.started'));
      await client.invalidateQueries({ queryKey: ['case', id] });
    },
  });
  const manage = canManage(session);
  // Reports and deletion certificates: managers and auditors (and admins), not incident responders.
  const evidence = manage || canAudit(session);
  const view = status.data;
  if (!view) {
    return (
      <>
        <PageTitle>{id}</PageTitle>
        <ApiErrorAlert error={status.error} />
      </>
    );
  }
  const phaseIndex = PHASES.indexOf(view.phase);
  const routes = Object.entries(view.routes?.byRoute ?? {}).map(([route, count]) => ({ route, count }));
  const classes = view.routes
    ? [
        { name: t('casePage.classes.transferable'), value: view.routes.transferable },
        { name: t('casePage.classes.onHold'), value: view.routes.onHold },
        { name: t('casePage.classes.publicAnnouncement'), value: view.routes.publicAnnouncement },
      ]
    : [];

  return (
    <>
      <PageTitle extra={view.status === 'draft' && manage ? <Button type="primary" loading={start.isPending} onClick={() => start.mutate()}>{t('casePage.start')}</Button> : null}>
        {id}
      </PageTitle>
      <ApiErrorAlert error={start.error ?? status.error} />
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('cases.status')}><Tag color={view.status === 'running' ? 'blue' : view.status === 'closed' ? 'green' : 'default'}>{t(`status.${view.status}`)}</Tag></Descriptions.Item>
        <Descriptions.Item label={t('cases.phase')}><span data-phase={view.phase}>{t(`phase.${view.phase}`)}</span></Descriptions.Item>
        <Descriptions.Item label={t('casePage.updatedAt')}>{dateTime(view.updatedAt, i18n.language)}</Descriptions.Item>
      </Descriptions>
      <Card title={t('casePage.phases')} size="small">
        <Steps size="small" current={phaseIndex} status={view.status === 'closed' ? 'finish' : 'process'} responsive items={PHASES.slice(0, -1).map((phase) => ({ title: t(`phase.${phase}`) }))} />
      </Card>
      <div className="section-grid">
        <Card title={t('casePage.gates')} size="small">
          <CaseGates caseId={id} gates={view.gates} canApprove={manage} />
        </Card>
        <Card title={<span>{t('casePage.counters')} <Tag color="processing">{t('casePage.live')}</Tag></span>} size="small">
          <CaseCounters counters={view.counters} />
        </Card>
        <Card title={t('inventory.title')} size="small">
          {manage && view.status !== 'closed' ? <InventoryUpload caseId={id} /> : null}
          <Typography.Title level={2} style={{ fontSize: 14, marginTop: 16 }}>{t('inventory.rejected')}</Typography.Title>
          <CaseRejected caseId={id} />
        </Card>
        <Card title={t('casePage.routes')} size="small">
          {routes.length > 0 ? (
            <Suspense fallback={null}>
              <RouteCharts routes={routes.map(({ route, count }) => ({ name: t(`routeName.${route}`), value: count }))} classes={classes} routesLabel={t('casePage.routesChart')} classesLabel={t('casePage.classesChart', { transferable: view.routes?.transferable ?? 0, onHold: view.routes?.onHold ?? 0, publicAnnouncement: view.routes?.publicAnnouncement ?? 0 })} />
            </Suspense>
          ) : null}
          <DataTable label={t('casePage.routes')} size="small" rowKey="route" pagination={false} dataSource={routes} columns={[{ title: t('casePage.route'), dataIndex: 'route', render: (route: string) => <span data-route={route}>{t(`routeName.${route}`)}</span> }, { title: t('casePage.count'), dataIndex: 'count' }]} />
        </Card>
        <Card title={t('casePage.thirdParties')} size="small">
          <CaseThirdParties caseId={id} canEdit={manage && view.status !== 'closed'} live={view.status !== 'closed'} />
        </Card>
        <Card title={t('casePage.handover')} size="small">
          <CaseHandover caseId={id} enabled={manage && view.gates.some((gate) => gate.name === 'handover' && gate.state === 'approved')} />
        </Card>
        {evidence ? (
          <Card title={t('certificates.title')} size="small">
            <CaseCertificates caseId={id} status={view.status} />
          </Card>
        ) : null}
        <Card title={t('casePage.report')} size="small">
          {evidence ? <CaseReport caseId={id} ready={view.status === 'closed'} /> : null}
          <Typography.Paragraph style={{ marginTop: 12 }}>
            <Link to="/requests" state={{ caseId: id }}>{t('casePage.requests')}</Link>
          </Typography.Paragraph>
        </Card>
      </div>
      {canAudit(session) ? (
        <Card title={t('casePage.audit')} size="small" style={{ marginTop: 16 }}>
          <CaseAuditTrail caseId={id} />
        </Card>
      ) : null}
    </>
  );
}
