import { Button, Layout, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { LanguageSwitch } from './components/language-switch';
import { isAdmin, useSession } from './session';

/** Header with the navigation, the language switch and the session; the page below it. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  const location = useLocation();
  const sections = ['cases', 'requests', 'incidents', ...(isAdmin(session) ? ['admin'] : [])];
  const selected = sections.find((section) => location.pathname.startsWith(`/${section}`)) ?? 'cases';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Layout.Header className="top-bar">
        <Link to="/cases" className="brand">
          Handover
        </Link>
        <nav aria-label={t('app.title')} style={{ flex: 1, minWidth: 0 }}>
          <ul className="main-nav">
            {sections.map((section) => (
              <li key={section}>
                <NavLink to={`/${section}`} className={section === selected ? 'active' : undefined} aria-current={section === selected ? 'page' : undefined}>
                  {t(`nav.${section}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </Layout.Header>
      <div className="session-bar">
        <Space wrap size="small">
          <Tag color="blue">{t(`roles.${session?.role ?? 'auditor'}`)}</Tag>
          {session?.team ? (
            <Typography.Text type="secondary">
              {t('app.team')}: {session.team}
            </Typography.Text>
          ) : null}
        </Space>
        <Space wrap size="small">
          <LanguageSwitch />
          <Button size="small" onClick={() => void signOut()}>
            {t('app.signOut')}
          </Button>
        </Space>
      </div>
      <Layout.Content id="main" tabIndex={-1} style={{ padding: 16, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <main>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
