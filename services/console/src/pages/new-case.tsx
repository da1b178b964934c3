import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Select, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { ApiErrorAlert } from '../components/api-error-alert';
import { InventoryUpload } from '../components/inventory-upload';
import { PageTitle } from '../components/page-title';
import { KINDS } from '../labels';

type OpenCase = Schemas['OpenCaseDto'];
interface WizardValues {
  kind: OpenCase['kind'];
  jurisdiction: NonNullable<OpenCase['jurisdiction']>;
  transferorName: string;
  transferorContact: string;
  noRecipient: boolean;
  recipientName?: string;
  recipientContact?: string;
  recipientEmail?: string;
  recipientCountry?: string;
  recipientPublicKey?: string;
  /** Branch deregistration: the recipient is the head office (the same legal person). */
  recipientSameLegalEntity?: boolean;
  managerName: string;
  managerEmail: string;
  waitingPeriod?: string;
  consentDeadline?: string;
  thirdPartyDeadline?: string;
  team?: string;
}

const STEP_FIELDS: Array<Array<keyof WizardValues>> = [
  ['kind', 'jurisdiction'],
  ['transferorName', 'transferorContact', 'noRecipient', 'recipientName', 'recipientContact', 'recipientEmail', 'recipientCountry', 'recipientPublicKey', 'recipientSameLegalEntity', 'managerName', 'managerEmail'],
  ['waitingPeriod', 'consentDeadline', 'thirdPartyDeadline', 'team'],
  [],
];
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

function toBody(v: WizardValues): OpenCase {
  const policy = {
    ...(v.waitingPeriod && { waitingPeriod: v.waitingPeriod }),
    ...(v.consentDeadline && { consentDeadline: v.consentDeadline }),
    ...(v.thirdPartyDeadline && { thirdPartyDeadline: v.thirdPartyDeadline }),
  };
  return {
    kind: v.kind,
    jurisdiction: v.jurisdiction,
    transferor: { name: v.transferorName, contact: v.transferorContact },
    ...(!v.noRecipient && {
      recipient: {
        name: v.recipientName ?? '',
        contact: v.recipientContact ?? '',
        email: v.recipientEmail ?? '',
        country: v.recipientCountry ?? 'CN',
        ...(v.recipientPublicKey && { publicKey: v.recipientPublicKey }),
        ...(v.kind === 'branch-deregistration' && { sameLegalEntity: v.recipientSameLegalEntity ?? true }),
      },
    }),
    manager: { name: v.managerName, email: v.managerEmail },
    ...(Object.keys(policy).length > 0 && { policy }),
    ...(v.team && { team: v.team }),
  };
}

/** The new-case wizard: kind (with what the law asks of it), parties, policy, review, then the inventory. */
export default function NewCasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [caseId, setCaseId] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const noRecipient = Form.useWatch('noRecipient', form);
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => unwrap(api.GET('/v1/teams')) });
  const create = useMutation({
    mutationFn: (values: WizardValues) => unwrap(api.POST('/v1/cases', { body: toBody(values) })),
    onSuccess: (created) => {
      setCaseId(created.id);
      setStep(4);
    },
  });
  const steps = (['kind', 'parties', 'policy', 'review', 'inventory'] as const).map((key) => ({ title: t(`wizard.steps.${key}`) }));
  const next = async () => {
    await form.validateFields(STEP_FIELDS[step] ?? []);
    setStep(step + 1);
  };
  const values = form.getFieldsValue(true) as WizardValues;
  const required = [{ required: true }];

  return (
    <>
      <PageTitle>{t('wizard.title')}</PageTitle>
      <Steps current={step} items={steps} size="small" responsive style={{ marginBottom: 24 }} />
      <Card>
        <Form<WizardValues> form={form} layout="vertical" initialValues={{ jurisdiction: 'CN-PIPL', kind: 'bankruptcy', noRecipient: false, recipientCountry: 'CN', recipientSameLegalEntity: true }} preserve>
          <div hidden={step !== 0}>
            <Typography.Paragraph>{t('wizard.kindHelp')}</Typography.Paragraph>
            <Form.Item name="kind" label={t('cases.kind')} rules={required}>
              <Radio.Group options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
            </Form.Item>
            {kind ? <Alert type="info" showIcon title={t(`kind.${kind}`)} description={t(`kindLaw.${kind}`)} style={{ marginBottom: 16 }} /> : null}
            <Form.Item name="jurisdiction" label={t('wizard.jurisdiction')} rules={required}>
              <Select options={[{ value: 'CN-PIPL', label: 'CN-PIPL' }, { value: 'EU-GDPR', label: 'EU-GDPR' }]} />
            </Form.Item>
          </div>
          <div hidden={step !== 1}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>{t('wizard.transferor')}</Typography.Title>
            <Form.Item name="transferorName" label={t('wizard.name')} rules={required}><Input /></Form.Item>
            <Form.Item name="transferorContact" label={t('wizard.contact')} rules={required}><Input /></Form.Item>
            <Typography.Title level={2} style={{ fontSize: 16 }}>{t('wizard.recipient')}</Typography.Title>
            <Form.Item name="noRecipient" valuePropName="checked"><Checkbox>{t('wizard.noRecipient')}</Checkbox></Form.Item>
            {!noRecipient ? (
              <>
                <Form.Item name="recipientName" label={t('wizard.name')} rules={required}><Input /></Form.Item>
                <Form.Item name="recipientContact" label={t('wizard.contact')} rules={required}><Input /></Form.Item>
                <Form.Item name="recipientEmail" label={t('wizard.email')} rules={[{ required: true, type: 'email' }]}><Input type="email" /></Form.Item>
                <Form.Item name="recipientCountry" label={t('wizard.country')} rules={[{ required: true, pattern: /^[A-Z]{2}$/ }]}><Input maxLength={2} /></Form.Item>
                <Form.Item name="recipientPublicKey" label={t('wizard.publicKey')}><Input.TextArea rows={3} /></Form.Item>
                {kind === 'branch-deregistration' ? (
                  <Form.Item name="recipientSameLegalEntity" label={t('wizard.sameLegalEntity')} extra={t('wizard.sameLegalEntityHelp')}>
                    <Radio.Group options={[{ value: true, label: t('wizard.headOffice') }, { value: false, label: t('wizard.otherEntity') }]} />
                  </Form.Item>
                ) : null}
              </>
            ) : null}
            <Typography.Title level={2} style={{ fontSize: 16 }}>{t('wizard.manager')}</Typography.Title>
            <Form.Item name="managerName" label={t('wizard.managerName')} rules={required}><Input /></Form.Item>
            <Form.Item name="managerEmail" label={t('wizard.email')} rules={[{ required: true, type: 'email' }]}><Input type="email" /></Form.Item>
          </div>
          <div hidden={step !== 2}>
            {(['waitingPeriod', 'consentDeadline', 'thirdPartyDeadline'] as const).map((name) => (
              <Form.Item key={name} name={name} label={t(`wizard.${name}`)} extra={t(`wizard.${name}Help`)} rules={[{ pattern: ISO_DURATION }]}>
                <Input placeholder="P30D" />
              </Form.Item>
            ))}
            <Form.Item name="team" label={t('wizard.team')} extra={t('wizard.teamHelp')}>
              <Select allowClear options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))} />
            </Form.Item>
          </div>
        </Form>
        {step === 3 ? (
          <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('cases.kind')}>{t(`kind.${values.kind}`)} · {values.jurisdiction}</Descriptions.Item>
            <Descriptions.Item label={t('wizard.transferor')}>{values.transferorName}</Descriptions.Item>
            <Descriptions.Item label={t('wizard.recipient')}>{values.noRecipient ? t('wizard.noRecipient') : values.recipientName}</Descriptions.Item>
            <Descriptions.Item label={t('wizard.waitingPeriod')}>{values.waitingPeriod || 'P30D'}</Descriptions.Item>
            <Descriptions.Item label={t('wizard.consentDeadline')}>{values.consentDeadline || 'P30D'}</Descriptions.Item>
          </Descriptions>
        ) : null}
        {step === 4 && caseId ? (
          <>
            <Alert type="success" showIcon title={t('wizard.created', { id: caseId })} style={{ marginBottom: 16 }} />
            <InventoryUpload caseId={caseId} />
            <Button type="primary" style={{ marginTop: 16 }} onClick={() => void navigate(`/cases/${caseId}`)}>
              {t('wizard.skip')}
            </Button>
          </>
        ) : null}
        <ApiErrorAlert error={create.error} />
        {step < 4 ? (
          <Space>
            {step > 0 ? <Button onClick={() => setStep(step - 1)}>{t('wizard.back')}</Button> : null}
            {step < 3 ? (
              <Button type="primary" onClick={() => void next()}>{t('wizard.next')}</Button>
            ) : (
              <Button type="primary" loading={create.isPending} onClick={() => create.mutate(form.getFieldsValue(true) as WizardValues)}>
                {t('wizard.create')}
              </Button>
            )}
          </Space>
        ) : null}
      </Card>
    </>
  );
}
