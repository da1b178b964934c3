import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Shell } from './shell';
import { SessionProvider, useSession } from './session';
import { SignInPage } from './pages/sign-in';
import { ApiError } from './api/client';
import { ErrorBoundary } from './components/error-boundary';

// Every page is its own chunk: the initial JavaScript is the shell and the sign-in page.
const CasesPage = lazy(() => import('./pages/cases'));
const NewCasePage = lazy(() => import('./pages/new-case'));
const CasePage = lazy(() => import('./pages/case'));
const RequestsPage = lazy(() => import('./pages/requests'));
const IncidentsPage = lazy(() => import('./pages/incidents'));
const AdminPage = lazy(() => import('./pages/admin'));
const NotFoundPage = lazy(() => import('./pages/not-found'));

/** Secondary, placeholder and disabled text darkened to meet WCAG AA contrast on white (axe: color-contrast). */
const THEME = {
  token: {
    colorPrimary: '#1f5fbf',
    colorLink: '#1f5fbf',
    colorInfo: '#1f5fbf',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6b6b6b',
    colorTextQuaternary: '#6b6b6b',
    colorTextDisabled: '#737373',
  },
};

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (count, error) => !(error instanceof ApiError && error.body.statusCode < 500) && count < 2, refetchOnWindowFocus: false },
  },
});

function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin description={t('app.loading')} />
    </div>
  );
}

function Routed() {
  const { t } = useTranslation();
  const location = useLocation();
  const { session, loading } = useSession();
  if (loading) return <Loading />;
  if (!session) return <SignInPage />;
  return (
    <Shell>
      <ErrorBoundary key={location.pathname} title={t('error.title')}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Navigate to="/cases" replace />} />
          <Route path="/cases" element={<CasesPage />} />
          <Route path="/cases/new" element={<NewCasePage />} />
          <Route path="/cases/:id" element={<CasePage />} />
          <Route path="/requests" element={<RequestsPage />} />
          <Route path="/incidents" element={<IncidentsPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
      </ErrorBoundary>
    </Shell>
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <BrowserRouter basename="/console">
              <Routed />
            </BrowserRouter>
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
