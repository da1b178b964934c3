import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

/** One button that switches to the other language, named in that language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <Button size="small" lang={english ? 'zh-CN' : 'en'} title={t('app.language')} onClick={() => setLanguage(english ? 'zh-CN' : 'en')}>
      {english ? '简体中文' : 'English'}
    </Button>
  );
}
