import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@handover/api-client';
import { ApiError, api, unwrap } from '../api/client';
import { dateTime } from '../labels';
import { ApiErrorAlert } from './api-error-alert';
import { ListTable } from './list-table';

type ThirdParty = Schemas['ThirdPartyDto'];
const COLOR: Record<ThirdParty['status'], string> = { pending: 'default', requested: 'blue', overdue: 'red', confirmed: 'green', exception: 'orange' };

/**
 * The case's third parties (due / overdue / late), read every 5 s while the case runs, and adding
 * one. Their names and addresses are encrypted with the case key: once closure shreds it the API
 * answers 409 CASE_KEY_SHREDDED, shown as what it is instead of the list.
 */
export function CaseThirdParties({ caseId, canEdit, live }: { caseId: string; canEdit: boolean; live: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; email: string; categories: string }>();
  const list = useQuery({
    // `live` in the key: read once more when the case closes (then the key is gone, and the page says so).
    queryKey: ['case', caseId, 'third-parties', live],
    placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.GET('/v1/cases/{id}/third-parties', { params: { path: { id: caseId }, query: { limit: 100 } } })),
    refetchInterval: live ? 5000 : false,
    retry: (count, error) => !(error instanceof ApiError && error.body.code === 'CASE_KEY_SHREDDED') && count < 3,
  });
  const shredded = list.error instanceof ApiError && list.error.body.code === 'CASE_KEY_SHREDDED';
  const add = useMutation({
    mutationFn: (v: { name: string; email: string; categories: string }) =>
      unwrap(api.POST('/v1/cases/{id}/third-parties', { params: { path: { id: caseId } }, body: { name: v.name, email: v.email, categories: v.categories.split(/[,，]/).map((c) => c.trim()).filter(Boolean) } })),
    onSuccess: async () => {
      setOpen(false);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['case', caseId, 'third-parties'] });
    },
  });
  return (
    <>
      {shredded ? (
        <Alert type="info" showIcon title={t('casePage.tpShredded')} />
      ) : (
        <ListTable<ThirdParty>
          query={list}
          label={t('casePage.thirdParties')}
          size="small"
          columns={[
            { title: t('wizard.name'), dataIndex: 'name' },
            { title: t('requests.status'), dataIndex: 'status', render: (status: ThirdParty['status'], tp) => <><Tag color={COLOR[status]}>{t(`casePage.tpStatus.${status}`)}</Tag>{tp.late ? <Tag color="red">{t('casePage.late')}</Tag> : null}</> },
            { title: t('casePage.due'), dataIndex: 'dueAt', render: (at: string | null) => dateTime(at, i18n.language) },
          ]}
        />
      )}
      {canEdit ? (
        <Button style={{ marginTop: 8 }} onClick={() => setOpen(true)}>
          {t('casePage.addThirdParty')}
        </Button>
      ) : null}
      <Modal open={open} title={t('casePage.addThirdParty')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={add.isPending} onOk={() => form.submit()} onCancel={() => setOpen(false)}>
        <ApiErrorAlert error={add.error} />
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="name" label={t('wizard.name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="email" label={t('wizard.email')} rules={[{ required: true, type: 'email' }]}><Input type="email" /></Form.Item>
          <Form.Item name="categories" label={t('casePage.categories')} rules={[{ required: true }]}><Input placeholder="contact, purchase" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
