import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';

/** A case chosen from the caller's cases (transferor name and id; nothing personal). */
export function CasePicker({ value, onChange, allowClear, placeholder }: { value: string | undefined; onChange: (id: string | undefined) => void; allowClear?: boolean; placeholder?: string }) {
  const { t } = useTranslation();
  const cases = useQuery({ queryKey: ['cases', 'picker'], queryFn: () => unwrap(api.GET('/v1/cases', { params: { query: { limit: 100 } } })) });
  return (
    <Select
      aria-label={t('requests.chooseCase')}
      placeholder={placeholder ?? t('requests.chooseCase')}
      value={value}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      onChange={(id?: string) => onChange(id)}
      loading={cases.isLoading}
      style={{ width: '100%', maxWidth: 480 }}
      options={(cases.data?.items ?? []).map((item) => ({ value: item.id, label: `${item.transferor.name} · ${item.id}` }))}
    />
  );
}
