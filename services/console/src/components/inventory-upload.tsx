import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, csrfHeaders, unwrap } from '../api/client';
import { ApiErrorAlert } from './api-error-alert';

const typeOf = (file: File): string => (/\.ndjson$|\.jsonl$/i.test(file.name) ? 'application/x-ndjson' : /\.json$/i.test(file.name) ? 'application/json' : 'text/csv');

/** POST /v1/cases/{id}/inventory with a progress bar: bytes while sending (XHR), then rows read. */
function send(caseId: string, file: File, onBytes: (percent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/v1/cases/${encodeURIComponent(caseId)}/inventory`);
    request.setRequestHeader('content-type', typeOf(file));
    for (const [name, value] of Object.entries(csrfHeaders())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onBytes(Math.round((event.loaded / event.total) * 100));
    request.onload = () => {
      const body: unknown = (() => {
        try {
          return JSON.parse(request.responseText) as unknown;
        } catch {
          return request.responseText;
        }
      })();
      if (request.status === 202) resolve((body as { importId: string }).importId);
      else reject(new ApiError({ statusCode: request.status, code: (body as { code?: string }).code ?? `HTTP_${request.status}`, message: (body as { message?: string }).message ?? '', ...((body as { fields?: [] }).fields && { fields: (body as { fields: [] }).fields }) }));
    };
    request.onerror = () => reject(new Error('network error'));
    request.send(file);
  });
}

export function InventoryUpload({ caseId, onDone }: { caseId: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [bytes, setBytes] = useState<number | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const progress = useQuery({
    queryKey: ['import', caseId, importId],
    enabled: importId !== null,
    queryFn: () => unwrap(api.GET('/v1/cases/{id}/inventory/imports/{importId}', { params: { path: { id: caseId, importId: importId ?? '' } } })),
    refetchInterval: (query) => (query.state.data && ['done', 'failed'].includes(query.state.data.status) ? false : 1000),
  });
  const status = progress.data?.status;
  useEffect(() => {
    if (status !== 'done' && status !== 'failed') return;
    void client.invalidateQueries({ queryKey: ['case', caseId] });
    void client.invalidateQueries({ queryKey: ['rejected', caseId] });
  }, [status, caseId, client]);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setImportId(null);
    setBytes(0);
    try {
      setImportId(await send(caseId, file, setBytes));
      onDone?.();
    } catch (failure) {
      setError(failure);
      setBytes(null);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <label htmlFor={`inventory-${caseId}`}>
        <Typography.Text strong>{t('inventory.upload')}</Typography.Text>
      </label>
      <input id={`inventory-${caseId}`} type="file" accept=".csv,.ndjson,.jsonl,.json,text/csv" onChange={(event) => void choose(event.target.files?.[0])} />
      {bytes !== null && !importId ? <Progress percent={bytes} aria-label={t('inventory.uploading')} /> : null}
      {progress.data ? (
        <Alert
          type={status === 'failed' ? 'error' : status === 'done' ? 'success' : 'info'}
          role="status"
          title={`${t(`inventory.status.${progress.data.status}`)} — ${t('inventory.rows', progress.data)}`}
          description={progress.data.error}
        />
      ) : null}
      <ApiErrorAlert error={error} />
    </Space>
  );
}
