import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const DAY = 86_400_000;

/** The next deadline as a badge: green ≥ 10 days, amber < 10, red < 5 or overdue. */
export function DeadlineBadge({ at }: { at: string | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!at) return <span>{t('cases.none')}</span>;
  const days = Math.floor((Date.parse(at) - Date.now()) / DAY);
  const color = days < 0 || days < 5 ? 'red' : days < 10 ? 'orange' : 'green';
  const date = new Date(at).toLocaleDateString(i18n.language);
  return (
    <Tag color={color} title={new Date(at).toLocaleString(i18n.language)}>
      {date} · {days < 0 ? t('cases.overdue') : t('cases.daysLeft', { count: days })}
    </Tag>
  );
}
