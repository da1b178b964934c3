import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, List, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { dateTime } from '../labels';
import { ApiErrorAlert } from './api-error-alert';
import { GateDecisions } from './gate-decisions';
import { GateRejectModal, REJECTABLE } from './gate-reject';

type Gate = Schemas['GateDto'];
const COLOR: Record<Gate['state'], string> = { waiting: 'default', pending: 'gold', approved: 'green' };

/** The case's gates; the pending one can be approved with a note, or (inventory, notices) rejected with a reason (managers and admins). */
export function CaseGates({ caseId, gates, canApprove }: { caseId: string; gates: Gate[]; canApprove: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState<Gate['name'] | null>(null);
  const [note, setNote] = useState('');
  const [rejecting, setRejecting] = useState<Gate['name'] | null>(null);
  const approve = useMutation({
    mutationFn: (gate: Gate['name']) =>
      unwrap(api.POST('/v1/cases/{id}/gates/{gate}/approve', { params: { path: { id: caseId, gate } }, body: note ? { note } : {} })),
    onSuccess: async () => {
      setOpen(null);
      setNote('');
      void message.success(t('casePage.approved'));
      await client.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  return (
    <>
      <List
        size="small"
        dataSource={gates}
        renderItem={(gate) => (
          <List.Item
            actions={
              gate.state === 'pending' && canApprove
                ? [
                    <Button key="approve" type="primary" size="small" onClick={() => { approve.reset(); setOpen(gate.name); }}>{t('casePage.approve')}</Button>,
                    ...(REJECTABLE.includes(gate.name)
                      ? [<Button key="reject" danger size="small" onClick={() => setRejecting(gate.name)}>{t('casePage.reject')}</Button>]
                      : []),
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={<span>{t(`gate.${gate.name}`)} <Tag color={COLOR[gate.state]}>{t(`gateState.${gate.state}`)}</Tag></span>}
              description={gate.approvedAt ? `${dateTime(gate.approvedAt, i18n.language)} · ${gate.approvedBy ?? ''}` : null}
            />
          </List.Item>
        )}
      />
      <Modal
        open={open !== null}
        title={open ? t('casePage.approveTitle', { gate: t(`gate.${open}`) }) : ''}
        okText={t('casePage.approve')}
        cancelText={t('common.cancel')}
        confirmLoading={approve.isPending}
        onOk={() => open && approve.mutate(open)}
        onCancel={() => setOpen(null)}
      >
        <ApiErrorAlert error={approve.error} />
        <label htmlFor="gate-note">{t('casePage.note')}</label>
        <Input.TextArea id="gate-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
      <GateRejectModal caseId={caseId} gate={rejecting} onClose={() => setRejecting(null)} />
      <GateDecisions caseId={caseId} />
    </>
  );
}
