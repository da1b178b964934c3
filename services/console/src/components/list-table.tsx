import type { TableProps } from 'antd';
import { ApiErrorAlert } from './api-error-alert';
import { DataTable } from './data-table';

/** What a list query of react-query gives a table: a page of items, its loading state, its error. */
export interface ListQuery<T> {
  data?: { items: T[] };
  isLoading: boolean;
  error: unknown;
}

/**
 * One page of an API list (`{ items }`) as a table: its error above it (or the `error` given, when
 * the table's actions can fail too), the loading state, rows keyed by `id`, no client paging.
 */
export function ListTable<T extends object>({ query, error, emptyText, ...props }: Omit<TableProps<T>, 'dataSource' | 'loading'> & { label: string; query: ListQuery<T>; error?: unknown; emptyText?: string }) {
  return (
    <>
      <ApiErrorAlert error={error ?? query.error} />
      <DataTable<T> rowKey="id" pagination={false} {...(emptyText && { locale: { emptyText } })} {...props} loading={query.isLoading} dataSource={query.data?.items ?? []} />
    </>
  );
}
