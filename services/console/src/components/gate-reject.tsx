import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { ApiErrorAlert } from './api-error-alert';

type GateName = Schemas['GateDto']['name'];

/** Only these gates can be sent back: the API rejects the others (handover and closure have no "redo"). */
export const REJECTABLE: readonly GateName[] = ['inventory', 'notices'];

/** Modal asking for the reason of a rejection; the reason is required and kept with the decision. */
export function GateRejectModal({ caseId, gate, onClose }: { caseId: string; gate: GateName | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const reject = useMutation({
    mutationFn: (name: GateName) =>
      unwrap(api.POST('/v1/cases/{id}/gates/{gate}/reject', { params: { path: { id: caseId, gate: name } }, body: { reason } })),
    onSuccess: async () => {
      setReason('');
      onClose();
      void message.success(t('casePage.rejected'));
      // ['case', id] prefixes the status and the gate decisions: both refresh.
      await client.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  const close = () => {
    reject.reset();
    onClose();
  };
  return (
    <Modal
      open={gate !== null}
      title={gate ? t('casePage.rejectTitle', { gate: t(`gate.${gate}`) }) : ''}
      okText={t('casePage.reject')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={reject.isPending}
      onOk={() => gate && reject.mutate(gate)}
      onCancel={close}
    >
      <ApiErrorAlert error={reject.error} />
      <label htmlFor="gate-reject-reason">{t('casePage.rejectReason')}</label>
      <Input.TextArea id="gate-reject-reason" rows={3} maxLength={2000} required aria-required value={reason} onChange={(e) => setReason(e.target.value)} />
      <p style={{ marginTop: 8 }}>{gate ? t(`casePage.rejectEffect.${gate}`) : null}</p>
    </Modal>
  );
}
