import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { ApiErrorAlert } from '../components/api-error-alert';
import { CasePicker } from '../components/case-picker';
import { PageTitle } from '../components/page-title';
import { dateTime } from '../labels';
import { useSession } from '../session';
import { ListTable } from '../components/list-table';

type Incident = Schemas['IncidentListItemDto'];
type Category = Schemas['OpenIncidentDto']['categories'][number];
const CATEGORIES: Category[] = ['contact', 'id_number', 'bank_card', 'financial_account', 'transactions', 'location', 'health', 'biometric', 'religion', 'minor', 'all'];
interface OpenForm {
  title: string;
  detectedAt: string;
  categories: Category[];
  caseId?: string;
  drill: boolean;
}

/** Incidents: the list (drills included) and opening one, from a case or not. */
export default function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<OpenForm>();
  const list = useQuery({ queryKey: ['incidents'], queryFn: () => unwrap(api.GET('/v1/incidents', { params: { query: { limit: 100 } } })) });
  const create = useMutation({
    mutationFn: (v: OpenForm) =>
      unwrap(api.POST('/v1/incidents', {
        body: {
          title: v.title,
          detectedAt: new Date(v.detectedAt).toISOString(),
          categories: v.categories,
          drill: v.drill,
          operatorType: 'ordinary',
          ...(v.caseId && { caseId: v.caseId }),
        },
      })),
    onSuccess: async () => {
      setOpen(false);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['incidents'] });
    },
  });
  const mayOpen = session?.role === 'admin' || session?.role === 'incident-responder';

  return (
    <>
      <PageTitle extra={mayOpen ? <Button type="primary" onClick={() => setOpen(true)}>{t('incidents.open')}</Button> : null}>{t('incidents.title')}</PageTitle>
      <ListTable<Incident>
        query={list}
        label={t('incidents.title')}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        emptyText={t('incidents.empty')}
        columns={[
          { title: t('incidents.name'), dataIndex: 'title', render: (title: string, incident) => <>{title} {incident.drill ? <Tag>{t('incidents.drill')}</Tag> : null}</> },
          { title: t('requests.status'), dataIndex: 'status', render: (status: Incident['status']) => <Tag color={status === 'closed' ? 'green' : status === 'open' ? 'red' : 'orange'}>{t(`incidents.state.${status}`)}</Tag> },
          { title: t('incidents.detectedAt'), dataIndex: 'detectedAt', render: (at: string) => dateTime(at, i18n.language) },
          { title: t('incidents.severity'), dataIndex: 'severity', responsive: ['md'] },
          { title: t('incidents.case'), dataIndex: 'caseId', responsive: ['lg'], render: (id?: string) => (id ? <Link to={`/cases/${id}`}>{id}</Link> : '—') },
        ]}
      />
      <Modal open={open} title={t('incidents.open')} okText={t('common.submit')} cancelText={t('common.cancel')} confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={() => setOpen(false)}>
        <ApiErrorAlert error={create.error} />
        <Form<OpenForm> form={form} layout="vertical" initialValues={{ drill: true }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="title" label={t('incidents.titleField')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="detectedAt" label={t('incidents.detectedAt')} rules={[{ required: true }]}><Input type="datetime-local" /></Form.Item>
          <Form.Item name="categories" label={t('incidents.categories')} rules={[{ required: true }]}><Select mode="multiple" options={CATEGORIES.map((c) => ({ value: c, label: c }))} /></Form.Item>
          <Form.Item name="caseId" label={t('incidents.case')}><CasePicker value={undefined} onChange={() => undefined} allowClear /></Form.Item>
          <Form.Item name="drill" valuePropName="checked"><Checkbox>{t('incidents.drill')}</Checkbox></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
