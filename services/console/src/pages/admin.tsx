import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../components/data-table';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageTitle } from '../components/page-title';
import { dateTime } from '../labels';

type Key = Schemas['ApiKeyViewDto'];
type Role = Key['role'];
const ROLES: Role[] = ['admin', 'case-manager', 'incident-responder', 'auditor'];

/** Administration: teams, and API keys (created — the token shown once —, listed, revoked). */
export default function AdminPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [teamForm] = Form.useForm<{ name: string }>();
  const [keyForm] = Form.useForm<{ name: string; role: Role; team?: string }>();
  const [token, setToken] = useState<string | null>(null);
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => unwrap(api.GET('/v1/teams')) });
  const keys = useQuery({ queryKey: ['keys'], queryFn: () => unwrap(api.GET('/v1/keys')) });
  const createTeam = useMutation({
    mutationFn: (v: { name: string }) => unwrap(api.POST('/v1/teams', { body: v })),
    onSuccess: async () => {
      teamForm.resetFields();
      await client.invalidateQueries({ queryKey: ['teams'] });
    },
  });
  const createKey = useMutation({
    mutationFn: (v: { name: string; role: Role; team?: string }) => unwrap(api.POST('/v1/keys', { body: { name: v.name, role: v.role, ...(v.team && { team: v.team }) } })),
    onSuccess: async (created) => {
      keyForm.resetFields();
      setToken(created.token);
      await client.invalidateQueries({ queryKey: ['keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/keys/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['keys'] }),
  });
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));

  return (
    <>
      <PageTitle>{t('admin.title')}</PageTitle>
      <div className="section-grid" style={{ marginTop: 0 }}>
        <Card title={t('admin.teams')} size="small">
          <ApiErrorAlert error={teams.error ?? createTeam.error} />
          <DataTable label={t('admin.teams')} size="small" rowKey="id" pagination={false} loading={teams.isLoading} dataSource={teams.data ?? []}
            columns={[{ title: t('admin.teamName'), dataIndex: 'name' }, { title: 'id', dataIndex: 'id' }, { title: t('admin.created'), dataIndex: 'createdAt', responsive: ['md'], render: (at: string) => dateTime(at, i18n.language) }]} />
          <Form form={teamForm} layout="inline" onFinish={(v) => createTeam.mutate(v)} style={{ marginTop: 12, rowGap: 8 }}>
            <Form.Item name="name" label={t('admin.teamName')} rules={[{ required: true }]}><Input /></Form.Item>
            <Button htmlType="submit" loading={createTeam.isPending}>{t('admin.newTeam')}</Button>
          </Form>
        </Card>
        <Card title={t('admin.keys')} size="small">
          <ApiErrorAlert error={keys.error ?? createKey.error ?? revoke.error} />
          <DataTable<Key> label={t('admin.keys')} size="small" rowKey="id" pagination={{ pageSize: 10, hideOnSinglePage: true }} loading={keys.isLoading} dataSource={keys.data ?? []}
            columns={[
              { title: t('admin.keyName'), dataIndex: 'name' },
              { title: t('admin.role'), dataIndex: 'role', render: (role: Role) => t(`roles.${role}`) },
              { title: t('admin.team'), dataIndex: 'team', responsive: ['md'] },
              { title: t('admin.lastUsed'), dataIndex: 'lastUsedAt', responsive: ['lg'], render: (at?: string) => dateTime(at, i18n.language) },
              {
                title: t('common.actions'), key: 'actions',
                render: (_, key) => key.revokedAt ? <Tag>{t('admin.revoked')}</Tag> : (
                  <Popconfirm title={t('admin.revokeConfirm')} okText={t('admin.revoke')} cancelText={t('common.cancel')} onConfirm={() => revoke.mutate(key.id)}>
                    <Button size="small">{t('admin.revoke')}</Button>
                  </Popconfirm>
                ),
              },
            ]} />
          <Form form={keyForm} layout="vertical" onFinish={(v) => createKey.mutate(v)} style={{ marginTop: 12 }} initialValues={{ role: 'case-manager' }}>
            <Space wrap align="end">
              <Form.Item name="name" label={t('admin.keyName')} rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="role" label={t('admin.role')} rules={[{ required: true }]}><Select style={{ width: 170 }} options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} /></Form.Item>
              <Form.Item name="team" label={t('admin.team')}><Select allowClear style={{ width: 170 }} options={teamOptions} /></Form.Item>
              <Form.Item><Button type="primary" htmlType="submit" loading={createKey.isPending}>{t('admin.newKey')}</Button></Form.Item>
            </Space>
          </Form>
        </Card>
      </div>
      <Modal open={token !== null} title={t('admin.shownOnce')} footer={<Button type="primary" onClick={() => setToken(null)}>OK</Button>} onCancel={() => setToken(null)}>
        <Alert type="warning" showIcon title={t('admin.shownOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: token ?? '' }}><code style={{ wordBreak: 'break-all' }}>{token}</code></Typography.Paragraph>
      </Modal>
    </>
  );
}
