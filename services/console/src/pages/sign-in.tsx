import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiErrorAlert } from '../components/api-error-alert';
import { LanguageSwitch } from '../components/language-switch';
import { useSession } from '../session';

const OIDC_ERRORS = ['OIDC_ROLE_UNKNOWN', 'OIDC_TEAM_UNKNOWN', 'OIDC_ACCESS_DENIED', 'OIDC_LOGIN_EXPIRED', 'OIDC_LOGIN_FAILED', 'OIDC_PROVIDER_UNAVAILABLE'] as const;

/** The code /auth/callback sent the browser back with (`?signInError=`), removed from the address bar. */
function takeSignInError(): string | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('signInError');
  if (code === null) return null;
  url.searchParams.delete('signInError');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  return (OIDC_ERRORS as readonly string[]).includes(code) ? code : 'other';
}

/**
 * OpenID Connect (a link to /auth/login, when the API says it is configured) or a token → session
 * cookie (POST /auth/session); the token is held only while the form is sent.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [oidcError] = useState(takeSignInError);
  const [oidc, setOidc] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ token: string }>();

  useEffect(() => {
    api.GET('/auth/methods').then(({ data }) => setOidc(data?.oidc === true), () => setOidc(false));
  }, []);

  const submit = async ({ token }: { token: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(token.trim());
    } catch (failure) {
      setError(failure);
      form.resetFields();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: '#f0f2f5' }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LanguageSwitch />
        </div>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('signIn.title')}
        </Typography.Title>
        {oidcError && <Alert type="error" showIcon role="alert" title={t(`signIn.oidcErrors.${oidcError}`)} style={{ marginBottom: 16 }} data-sign-in-error={oidcError} />}
        {oidc && (
          <>
            <Button type="primary" href="/auth/login" block>
              {t('signIn.oidc')}
            </Button>
            <Divider plain>{t('signIn.orToken')}</Divider>
          </>
        )}
        <Typography.Paragraph type="secondary">{t('signIn.intro')}</Typography.Paragraph>
        <ApiErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item name="token" label={t('signIn.token')} rules={[{ required: true, message: t('signIn.token') }]}>
            <Input.Password autoComplete="off" autoFocus={!oidc} />
          </Form.Item>
          <Button type={oidc ? 'default' : 'primary'} htmlType="submit" loading={busy} block>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
