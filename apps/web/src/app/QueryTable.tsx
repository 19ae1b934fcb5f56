import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { ErrorState } from './states.tsx';

interface ListQuery {
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

/** A table fed by a query: its error state with retry in place of the table, a spinner while loading. */
export function QueryTable<T extends object>({
  query,
  footer,
  ...table
}: { query: ListQuery; footer?: ReactNode } & Omit<TableProps<T>, 'loading' | 'footer'>) {
  if (query.error) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  return (
    <>
      <Table<T> loading={query.isFetching} {...table} />
      {footer}
    </>
  );
}
