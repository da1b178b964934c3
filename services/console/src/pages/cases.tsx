import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { DeadlineBadge } from '../components/deadline-badge';
import { PageTitle } from '../components/page-title';
import { dateTime, KINDS, PHASES, STATUSES } from '../labels';
import { canManage, useSession } from '../session';
import { ListTable } from '../components/list-table';

type Item = Schemas['CaseListItemDto'];
interface Filters {
  status?: Item['status'];
  kind?: Item['kind'];
  phase?: Item['phase'];
  q?: string;
}
const PAGE_SIZE = 20;

/** GET /v1/cases: filters and search (kept in memory, never in the URL), cursor paging. */
export default function CasesPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const query = useQuery({
    queryKey: ['cases', filters, cursor],
    queryFn: () => unwrap(api.GET('/v1/cases', { params: { query: { ...filters, limit: PAGE_SIZE, ...(cursor && { cursor }) } } })),
  });
  const filter = (next: Filters) => {
    setFilters({ ...filters, ...next });
    setCursors([]);
  };
  const all = (filter: string) => ({ value: '', label: `${t(`cases.${filter}`)}: ${t('cases.all')}` });

  return (
    <>
      <PageTitle
        extra={
          canManage(session) ? (
            <Link to="/cases/new">
              <Button type="primary">{t('nav.newCase')}</Button>
            </Link>
          ) : null
        }
      >
        {t('cases.title')}
      </PageTitle>
      <div className="filters">
        <Input.Search aria-label={t('cases.search')} placeholder={t('cases.search')} value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(q) => filter({ q: q || undefined })} allowClear />
        <Select aria-label={t('cases.status')} value={filters.status ?? ''} onChange={(v) => filter({ status: (v || undefined) as Filters['status'] })} options={[all('status'), ...STATUSES.map((s) => ({ value: s, label: `${t('cases.status')}: ${t(`status.${s}`)}` }))]} />
        <Select aria-label={t('cases.kind')} value={filters.kind ?? ''} onChange={(v) => filter({ kind: (v || undefined) as Filters['kind'] })} options={[all('kind'), ...KINDS.map((k) => ({ value: k, label: `${t('cases.kind')}: ${t(`kind.${k}`)}` }))]} />
        <Select aria-label={t('cases.phase')} value={filters.phase ?? ''} onChange={(v) => filter({ phase: (v || undefined) as Filters['phase'] })} options={[all('phase'), ...PHASES.map((p) => ({ value: p, label: `${t('cases.phase')}: ${t(`phase.${p}`)}` }))]} />
      </div>
      <ListTable<Item>
        query={query}
        label={t('cases.title')}
        emptyText={t('cases.empty')}
        columns={[
          { title: t('cases.id'), dataIndex: 'id', render: (id: string, item) => <Link to={`/cases/${id}`}>{item.transferor.name}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{id}</Typography.Text></Link> },
          { title: t('cases.kind'), dataIndex: 'kind', render: (kind: Item['kind']) => t(`kind.${kind}`) },
          { title: t('cases.phase'), dataIndex: 'phase', render: (phase: Item['phase'], item) => <Space size={4} wrap><Tag>{t(`status.${item.status}`)}</Tag>{t(`phase.${phase}`)}</Space> },
          { title: t('cases.customers'), key: 'customers', responsive: ['md'], render: (_, item) => item.routes ? `${item.routes.customers} (${item.routes.transferable} / ${item.routes.onHold})` : '—' },
          { title: t('cases.deadline'), dataIndex: 'nextDeadline', render: (at: string | null) => <DeadlineBadge at={at} /> },
          { title: t('cases.created'), dataIndex: 'createdAt', responsive: ['lg'], render: (at: string) => dateTime(at, i18n.language) },
        ]}
      />
      <Space style={{ marginTop: 16 }} wrap>
        <Typography.Text>{t('cases.total', { count: query.data?.total ?? 0 })}</Typography.Text>
        <Button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('cases.prev')}
        </Button>
        <Button disabled={!query.data?.nextCursor} onClick={() => query.data?.nextCursor && setCursors([...cursors, query.data.nextCursor])}>
          {t('cases.next')}
        </Button>
      </Space>
    </>
  );
}
