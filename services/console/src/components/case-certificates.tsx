import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { dateTime } from '../labels';
import { ListTable } from './list-table';

type Certificate = Schemas['DeletionCertificateDto'];

/** The deletion certificates issued so far (GET /v1/cases/{id}/certificates): stage, count, method, time, digest. */
export function CaseCertificates({ caseId, status }: { caseId: string; status: string }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    // The status in the key: read once more when the case closes (the case key's certificate comes last).
    queryKey: ['case', caseId, 'certificates', status],
    queryFn: () => unwrap(api.GET('/v1/cases/{id}/certificates', { params: { path: { id: caseId }, query: { limit: 100 } } })),
    placeholderData: keepPreviousData,
    refetchInterval: status === 'running' ? 5000 : false,
  });
  return (
    <>
      <ListTable<Certificate>
        query={list}
        label={t('certificates.title')}
        size="small"
        emptyText={t('certificates.empty')}
        columns={[
          { title: t('certificates.stage'), dataIndex: 'stage', render: (stage: Certificate['stage']) => <span data-certificate={stage}>{t(`certificates.stages.${stage}`, { defaultValue: stage })}</span> },
          { title: t('casePage.count'), dataIndex: 'count' },
          { title: t('certificates.at'), dataIndex: 'at', render: (at: string) => dateTime(at, i18n.language) },
          { title: t('certificates.digest'), dataIndex: 'recordsDigest', render: (digest: string) => <code title={digest}>{digest.slice(0, 10)}…</code> },
        ]}
      />
    </>
  );
}
