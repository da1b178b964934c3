import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { canManage, useSession } from '../session';
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
  save(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), `rejected-${caseId}-list.csv`);
}

/** Long labels wrap on a phone instead of widening the page. */
const WRAPPING = { whiteSpace: 'normal', height: 'auto', textAlign: 'start' } as const;

/** Saves a blob under a file name (the browser's download). */
function save(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has taken the file (at once would cancel the download).
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/**
 * The rows themselves, as uploaded, for correction (managers): the API's AES-256 ZIP, saved as a
 * download; its password (an answer header, shown once) is returned for the dialog, never stored.
 */
async function downloadForCorrection(caseId: string): Promise<string> {
  const answer = await api.GET('/v1/cases/{id}/inventory/rejected/export', { params: { path: { id: caseId } }, parseAs: 'blob' });
  save(await unwrap(Promise.resolve(answer)), `rejected-${caseId}.zip`);
  return answer.response.headers.get('handover-export-password') ?? '';
}

/** Rejected inventory rows: line, field and reason (never the value), and their export for correction. */
export function CaseRejected({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [password, setPassword] = useState<string | null>(null);
  const exporting = useMutation({ mutationFn: () => exportRejected(caseId) });
  const correcting = useMutation({ mutationFn: () => downloadForCorrection(caseId), onSuccess: (value) => setPassword(value) });
  const rows = useQuery({
    queryKey: ['rejected', caseId],
    queryFn: () => unwrap(api.GET('/v1/cases/{id}/inventory/rejected', { params: { path: { id: caseId }, query: { limit: 100 } } })),
  });
  return (
    <>
      <ListTable<Schemas['RejectedRowDto']>
        query={rows}
        error={exporting.error ?? correcting.error}
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
        <Space wrap style={{ marginTop: 8 }}>
          <Button size="small" style={WRAPPING} loading={exporting.isPending} onClick={() => exporting.mutate()}>
            {t('inventory.export')}
          </Button>
          {canManage(session) && (
            <Button size="small" type="primary" style={WRAPPING} loading={correcting.isPending} onClick={() => correcting.mutate()}>
              {t('inventory.correction')}
            </Button>
          )}
        </Space>
      ) : null}
      <Modal open={password !== null} title={t('inventory.passwordTitle')} onOk={() => setPassword(null)} onCancel={() => setPassword(null)} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
        <Typography.Paragraph>{t('inventory.passwordHelp')}</Typography.Paragraph>
        <Typography.Text strong>{t('inventory.password')}: </Typography.Text>
        <Typography.Text code copyable data-export-password>{password}</Typography.Text>
      </Modal>
    </>
  );
}
