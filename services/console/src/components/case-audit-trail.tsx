import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { dateTime } from '../labels';
import { ApiErrorAlert } from './api-error-alert';
import { DataTable } from './data-table';

type AuditEvent = Schemas['AuditEventDto'];
const PAGE = 200;

/** What an event is about: a gate by its name, the case itself by its type, anything else by type and id (ids are never personal). */
function subjectLabel(subject: AuditEvent['subject'], t: TFunction): string {
  if (subject.type === 'gate') return t(`gate.${subject.id}`, { defaultValue: subject.id });
  if (subject.type === 'case') return t('audit.theCase');
  return `${subject.type} · ${subject.id}`;
}

/**
 * The case's audit timeline (GET /v1/cases/{id}/audit, newest first, read again every 5 s) with its
 * verification state (GET …/audit/verify: the hash chain recomputed by the API) and the NDJSON
 * export. Events carry ids and counters only; the page shows action, actor, subject and hash.
 */
export function CaseAuditTrail({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const trail = useInfiniteQuery({
    queryKey: ['case', caseId, 'audit'],
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last: Schemas['AuditPageDto']) => last.next ?? undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/cases/{id}/audit', { params: { path: { id: caseId }, query: { limit: PAGE, ...(pageParam !== undefined && { after: pageParam }) } } })),
    refetchInterval: 5000,
  });
  const verify = useMutation({
    mutationFn: async () => ({ ...(await unwrap(api.GET('/v1/cases/{id}/audit/verify', { params: { path: { id: caseId } } }))), checkedAt: new Date().toISOString() }),
  });
  const events = (trail.data?.pages ?? []).flatMap((page) => page.events).reverse();
  const result = verify.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" onClick={() => verify.mutate()} loading={verify.isPending}>{t('casePage.verify')}</Button>
        <Button href={`/v1/cases/${encodeURIComponent(caseId)}/audit/export`} download={`audit-${caseId}.ndjson`}>{t('audit.export')}</Button>
      </Space>
      {result ? (
        <div data-audit-valid={String(result.valid)}>
          <Alert
            role="status"
            type={result.valid ? 'success' : 'error'}
            showIcon
            title={result.valid ? t('casePage.verified', { count: result.events }) : t('casePage.broken', { seq: result.firstBrokenAt })}
            description={t('audit.checkedAt', { at: dateTime(result.checkedAt, i18n.language) })}
          />
        </div>
      ) : (
        <Typography.Text type="secondary">{t('audit.notChecked')}</Typography.Text>
      )}
      <ApiErrorAlert error={verify.error ?? trail.error} />
      <DataTable<AuditEvent>
        label={t('casePage.audit')}
        size="small"
        rowKey="seq"
        loading={trail.isLoading}
        dataSource={events}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('audit.empty') }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 56 },
          { title: t('audit.at'), dataIndex: 'at', render: (at: string) => dateTime(at, i18n.language) },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (action: string) => (
              <>
                {t(`audit.actions.${action}`, { defaultValue: '' })}
                <div>
                  <code data-audit-action={action}>{action}</code>
                </div>
              </>
            ),
          },
          { title: t('audit.actor'), dataIndex: 'actor', render: (actor: AuditEvent['actor']) => <Tag>{actor.role}</Tag> },
          { title: t('audit.subject'), dataIndex: 'subject', render: (subject: AuditEvent['subject']) => subjectLabel(subject, t) },
          { title: t('audit.hash'), dataIndex: 'hash', render: (hash: string) => <code title={hash}>{hash.slice(0, 10)}…</code> },
        ]}
      />
      {trail.hasNextPage ? (
        <Button size="small" loading={trail.isFetchingNextPage} onClick={() => void trail.fetchNextPage()}>{t('audit.more')}</Button>
      ) : null}
    </Space>
  );
}
