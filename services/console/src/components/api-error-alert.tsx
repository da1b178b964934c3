import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** An API failure with its code and, for a 400, each field at fault (the API never echoes values). */
export function ApiErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const body = error instanceof ApiError ? error.body : undefined;
  const description = body ? (
    <div>
      <div>
        {body.code}: {body.message}
      </div>
      {body.fields?.length ? (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {body.fields.map((field) => (
            <li key={field.field}>
              {t('error.field')} <code>{field.field}</code>: {field.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  ) : (
    String((error as Error).message ?? error)
  );
  return <Alert type="error" showIcon role="alert" title={t('error.title')} description={description} style={{ marginBottom: 16 }} />;
}
