import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return <Result status="404" title={t('error.notFound')} extra={<Link to="/cases">{t('error.back')}</Link>} />;
}
