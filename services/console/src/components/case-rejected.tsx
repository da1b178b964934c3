import { useMutation, useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { ListTable } from './list-table';

type Row = Schemas['RejectedRowDto'];
const quote = (value: string | number): string => (/[",\r\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));

/** Every rejected row (all pages) as CSV for the people correcting the source file: line, field, reason — never a value. */
async function exportRejected(caseId: string): Promise<void> {
  const rows: Row[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await unwrap(api.GET('/v1/cases/{id}/inventory/rejected', { params: { path: { id: caseId }, query: { limit: 500, ...(cursor && { cursor }) } } }));
    rows.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const csv = ['importId,line,field,reason', ...rows.map((row) => [row.importId, row.line, row.field, row.reason].map(quote).join(','))].join('\r\n');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  link.download = `rejected-${caseId}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has taken the file (at once would cancel the download).
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Rejected inventory rows: line, field and reason (never the value), and their export for correction. */
export function CaseRejected({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const exporting = useMutation({ mutationFn: () => exportRejected(caseId) });
  const rows = useQuery({
    queryKey: ['rejected', caseId],
    queryFn: () => unwrap(api.GET('/v1/cases/{id}/inventory/rejected', { params: { path: { id: caseId }, query: { limit: 100 } } })),
  });
  return (
    <>
      <ListTable<Schemas['RejectedRowDto']>
        query={rows}
        error={exporting.error}
        label={t('inventory.rejected')}
        size="small"
        rowKey={(row) => `${row.importId}:${row.line}:${row.field}`}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        emptyText={t('inventory.noRejected')}
        columns={[
          { title: t('inventory.line'), dataIndex: 'line' },
          { title: t('inventory.field'), dataIndex: 'field' },
          { title: t('inventory.reason'), dataIndex: 'reason' },
        ]}
      />
      {rows.data?.total ? (
        <Button size="small" style={{ marginTop: 8 }} loading={exporting.isPending} onClick={() => exporting.mutate()}>
          {t('inventory.export')}
        </Button>
      ) : null}
    </>
  );
}
