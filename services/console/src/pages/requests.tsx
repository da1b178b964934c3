import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../components/data-table';
import { Link, useLocation } from 'react-router';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { ApiErrorAlert } from '../components/api-error-alert';
import { CasePicker } from '../components/case-picker';
import { PageTitle } from '../components/page-title';
import { dateTime } from '../labels';
import { canManage, useSession } from '../session';

type Request = Schemas['RequestSummaryDto'];
type Action = { kind: 'done' | 'refused' | 'extend'; request: Request };
type BulkKind = 'resolve' | 'refuse' | 'extend';
type BulkResult = Schemas['BulkRequestsResultDto'];
const DAY = 86_400_000;

function SlaBadge({ request }: { request: Request }) {
  const { t } = useTranslation();
  if (request.status === 'resolved') return <Tag color={request.late ? 'red' : 'green'}>{t('requests.resolved')}</Tag>;
  const left = Date.parse(request.dueAt) - Date.now();
  const level = left < 0 ? 'late' : left < 3 * DAY ? 'soon' : 'ok';
  return <Tag color={level === 'late' ? 'red' : level === 'soon' ? 'orange' : 'green'}>{t(`requests.sla.${level}`)}</Tag>;
}

/**
 * The requests inbox: every case the user reaches (or one), earliest due first, with resolve /
 * refuse / extend one by one, or on a selection at once (POST /v1/requests/bulk with its ids: each
 * goes through the single action's rules, audit event and mail).
 */
export default function RequestsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const client = useQueryClient();
  const [caseId, setCaseId] = useState<string | undefined>((location.state as { caseId?: string } | null)?.caseId);
  const [status, setStatus] = useState<'open' | 'resolved' | ''>('open');
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  const [bulkResult, setBulkResult] = useState<BulkResult | null>(null);
  const list = useQuery({
    queryKey: ['requests', caseId, status],
    queryFn: () => unwrap(api.GET('/v1/requests', { params: { query: { ...(caseId && { caseId }), limit: 100, ...(status && { status }) } } })),
  });
  const bulkAct = useMutation({
    mutationFn: (kind: BulkKind) => unwrap(api.POST('/v1/requests/bulk', { body: { filter: { ids: selected, status: 'open' }, action: kind, reason } })),
    onSuccess: async (result) => {
      setBulk(null);
      setReason('');
      setSelected([]);
      setBulkResult(result);
      await client.invalidateQueries({ queryKey: ['requests'] });
    },
  });
  const act = useMutation({
    mutationFn: ({ kind, request }: Action): Promise<unknown> =>
      kind === 'extend'
        ? unwrap(api.POST('/v1/requests/{id}/extend', { params: { path: { id: request.id } }, body: { reason } }))
        : unwrap(api.POST('/v1/requests/{id}/resolve', { params: { path: { id: request.id } }, body: { outcome: kind, ...(kind === 'refused' && { reasons: reason }) } })),
    onSuccess: async () => {
      setAction(null);
      setReason('');
      await client.invalidateQueries({ queryKey: ['requests'] });
    },
  });
  const items = [...(list.data?.items ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const manage = canManage(session);

  return (
    <>
      <PageTitle>{t('requests.title')}</PageTitle>
      <Space wrap style={{ marginBottom: 16, width: '100%' }}>
        <CasePicker value={caseId} onChange={(id) => { setCaseId(id); setSelected([]); }} allowClear placeholder={t('requests.allCases')} />
        <Select
          aria-label={t('requests.status')}
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          options={[{ value: 'open', label: t('requests.open') }, { value: 'resolved', label: t('requests.resolved') }, { value: '', label: t('cases.all') }]}
        />
      </Space>
      <ApiErrorAlert error={list.error} />
      {bulkResult ? (
        <Alert
          type={bulkResult.skipped.length > 0 ? 'warning' : 'success'}
          closable={{ onClose: () => setBulkResult(null) }}
          style={{ marginBottom: 16 }}
          title={t('requests.bulkResult', { acted: bulkResult.acted, skipped: bulkResult.skipped.length })}
          description={bulkResult.skipped.length > 0 ? bulkResult.skipped.map((skip) => `${skip.id}: ${skip.code}`).join(' · ') : undefined}
        />
      ) : null}
      {manage && selected.length > 0 ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <span>{t('requests.selected', { count: selected.length })}</span>
          <Button onClick={() => setBulk('resolve')}>{t('requests.resolve')}</Button>
          <Button onClick={() => setBulk('refuse')}>{t('requests.refuse')}</Button>
          <Button onClick={() => setBulk('extend')}>{t('requests.extend')}</Button>
        </Space>
      ) : null}
      <DataTable<Request>
        label={t('requests.title')}
        rowKey="id"
        loading={list.isFetching}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('requests.empty') }}
        {...(manage && {
          rowSelection: {
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (request: Request) => ({ disabled: request.status !== 'open', 'aria-label': request.id }),
          },
        })}
        columns={[
          ...(caseId === undefined ? [{ title: t('requests.case'), dataIndex: 'caseId', render: (id: string) => <Link to={`/cases/${id}`}><code>{id}</code></Link> }] : []),
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
      <Modal
        open={bulk !== null}
        title={bulk ? t('requests.bulkTitle', { action: t(`requests.${bulk}`), count: selected.length }) : ''}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reason.trim() === '' }}
        confirmLoading={bulkAct.isPending}
        onOk={() => bulk && bulkAct.mutate(bulk)}
        onCancel={() => setBulk(null)}
      >
        <ApiErrorAlert error={bulkAct.error} />
        <label htmlFor="bulk-reason">{t('requests.bulkReason')}</label>
        <Input.TextArea id="bulk-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
