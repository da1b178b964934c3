import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../components/data-table';
import { useLocation } from 'react-router';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { ApiErrorAlert } from '../components/api-error-alert';
import { CasePicker } from '../components/case-picker';
import { PageTitle } from '../components/page-title';
import { dateTime } from '../labels';
import { canManage, useSession } from '../session';

type Request = Schemas['RequestSummaryDto'];
type Action = { kind: 'done' | 'refused' | 'extend'; request: Request };
const DAY = 86_400_000;

function SlaBadge({ request }: { request: Request }) {
  const { t } = useTranslation();
  if (request.status === 'resolved') return <Tag color={request.late ? 'red' : 'green'}>{t('requests.resolved')}</Tag>;
  const left = Date.parse(request.dueAt) - Date.now();
  const level = left < 0 ? 'late' : left < 3 * DAY ? 'soon' : 'ok';
  return <Tag color={level === 'late' ? 'red' : level === 'soon' ? 'orange' : 'green'}>{t(`requests.sla.${level}`)}</Tag>;
}

/** Data-subject requests of a case, earliest due first, with resolve / refuse / extend. */
export default function RequestsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const client = useQueryClient();
  const [caseId, setCaseId] = useState<string | undefined>((location.state as { caseId?: string } | null)?.caseId);
  const [status, setStatus] = useState<'open' | 'resolved' | ''>('open');
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const list = useQuery({
    queryKey: ['requests', caseId, status],
    enabled: caseId !== undefined,
    queryFn: () => unwrap(api.GET('/v1/requests', { params: { query: { caseId: caseId ?? '', limit: 100, ...(status && { status }) } } })),
  });
  const act = useMutation({
    mutationFn: ({ kind, request }: Action): Promise<unknown> =>
      kind === 'extend'
        ? unwrap(api.POST('/v1/requests/{id}/extend', { params: { path: { id: request.id } }, body: { reason } }))
        : unwrap(api.POST('/v1/requests/{id}/resolve', { params: { path: { id: request.id } }, body: { outcome: kind, ...(kind === 'refused' && { reasons: reason }) } })),
    onSuccess: async () => {
      setAction(null);
      setReason('');
      await client.invalidateQueries({ queryKey: ['requests', caseId] });
    },
  });
  const items = [...(list.data?.items ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const manage = canManage(session);

  return (
    <>
      <PageTitle>{t('requests.title')}</PageTitle>
      <Space wrap style={{ marginBottom: 16, width: '100%' }}>
        <CasePicker value={caseId} onChange={setCaseId} />
        <Select
          aria-label={t('requests.status')}
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          options={[{ value: 'open', label: t('requests.open') }, { value: 'resolved', label: t('requests.resolved') }, { value: '', label: t('cases.all') }]}
        />
      </Space>
      <ApiErrorAlert error={list.error} />
      <DataTable<Request>
        label={t('requests.title')}
        rowKey="id"
        loading={list.isFetching}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: t('requests.empty') }}
        columns={[
          { title: t('requests.type'), dataIndex: 'type', render: (type: Request['type']) => t(`requests.types.${type}`) },
          { title: t('requests.due'), dataIndex: 'dueAt', render: (at: string, request) => <Space size={4} wrap><SlaBadge request={request} />{dateTime(at, i18n.language)}</Space> },
          { title: t('requests.filed'), dataIndex: 'filedAt', responsive: ['md'], render: (at: string) => dateTime(at, i18n.language) },
          { title: t('requests.ref'), dataIndex: 'customerRef', responsive: ['lg'], render: (ref: string) => <code>{ref.slice(0, 12)}…</code> },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, request) =>
              manage && request.status === 'open' ? (
                <Space size={4} wrap>
                  <Button size="small" onClick={() => setAction({ kind: 'done', request })}>{t('requests.resolve')}</Button>
                  <Button size="small" onClick={() => setAction({ kind: 'refused', request })}>{t('requests.refuse')}</Button>
                  {!request.extended ? <Button size="small" onClick={() => setAction({ kind: 'extend', request })}>{t('requests.extend')}</Button> : null}
                </Space>
              ) : request.outcome ? t(request.outcome === 'done' ? 'requests.resolved' : 'requests.refuse') : null,
          },
        ]}
      />
      <Modal
        open={action !== null}
        title={action ? t(action.kind === 'done' ? 'requests.resolve' : action.kind === 'refused' ? 'requests.refuse' : 'requests.extend') : ''}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={act.isPending}
        onOk={() => action && act.mutate(action)}
        onCancel={() => setAction(null)}
      >
        <ApiErrorAlert error={act.error} />
        {action && action.kind !== 'done' ? (
          <>
            <label htmlFor="request-reason">{t('requests.reason')}</label>
            <Input.TextArea id="request-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </>
        ) : null}
      </Modal>
    </>
  );
}
