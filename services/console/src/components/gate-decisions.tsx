import { useQuery } from '@tanstack/react-query';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@handover/api-client';
import { api, unwrap } from '../api/client';
import { dateTime } from '../labels';

type Decision = Schemas['GateDecisionDto'];
const COLOR: Record<Decision['decision'], string> = { approved: 'green', rejected: 'red', overridden: 'orange' };

/** The decisions recorded on the case's gates, with their notes and reasons (oldest first, as the API lists them). */
export function GateDecisions({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const decisions = useQuery({
    queryKey: ['case', caseId, 'gate-decisions'],
    queryFn: () => unwrap(api.GET('/v1/cases/{id}/gates', { params: { path: { id: caseId } } })),
  });
  const rows = decisions.data?.decisions ?? [];
  if (rows.length === 0) return null;
  // A plain list, not an antd List: pages and tests find a gate's row by `.ant-list-item` and its name.
  return (
    <section aria-label={t('casePage.decisions')} style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('casePage.decisions')}</Typography.Text>
      <ol className="gate-decisions" style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {rows.map((row, index) => (
          <li key={index} data-decision={row.decision}>
            {t(`gate.${row.gate}`)} <Tag color={COLOR[row.decision]}>{t(`casePage.decision.${row.decision}`)}</Tag>
            <Typography.Text type="secondary">{dateTime(row.decidedAt, i18n.language)} · {row.decidedBy}</Typography.Text>
            {row.note ? <div data-testid="gate-decision-note" style={{ overflowWrap: 'anywhere' }}>{row.note}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
