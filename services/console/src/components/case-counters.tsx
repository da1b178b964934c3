import { Card, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '@handover/api-client';

const SHOWN = ['customers', 'notified', 'bounced', 'consented', 'refused', 'objected', 'noResponse', 'transferred', 'deleted', 'onHold', 'thirdParties', 'thirdPartiesConfirmed', 'excluded'] as const;

/** The case's counters (GET /v1/cases/{id}, read every second by the case page). */
export function CaseCounters({ counters }: { counters: Schemas['CaseCountersDto'] }) {
  const { t } = useTranslation();
  return (
    <div className="counter-grid" aria-live="polite">
      {SHOWN.map((name) => (
        <Card key={name} size="small" data-counter={name}>
          <Statistic title={t(`casePage.c.${name}`)} value={counters[name]} />
        </Card>
      ))}
    </div>
  );
}
