import { Button, Empty, Result, Skeleton } from 'antd';
import { ApiError } from './api.ts';
import { useI18n } from './i18n.tsx';

export function Loading({ rows = 4 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} />;
}

export function ErrorState({
  error,
  retry,
  notFound,
}: {
  error: unknown;
  retry?: () => void;
  notFound?: string;
}) {
  const { t } = useI18n();
  const api = error instanceof ApiError ? error : null;
  // a refusal or a missing record will not change on retry
  const final = api !== null && api.status >= 400 && api.status < 500;
  return (
    <Result
      status={api?.status === 403 ? 403 : api?.status === 404 ? 404 : 'error'}
      title={
        api?.status === 403
          ? t('common.forbidden')
          : api?.status === 404
            ? (notFound ?? t('common.notFound'))
            : t('common.loadFailed')
      }
      subTitle={
        <span>
          {error instanceof Error ? error.message : String(error)}
          {api?.requestId ? ` · ${t('common.requestId')} ${api.requestId}` : ''}
        </span>
      }
      extra={retry && !final ? <Button onClick={retry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

export function NoData({ description }: { description?: string }) {
  const { t } = useI18n();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('common.empty')} />;
}

/** Renders loading, error or empty states around a query; children only once there is data. */
export function QueryState<T>({
  query,
  isEmpty,
  emptyText,
  notFound,
  children,
}: {
  notFound?: string;
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => React.ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error} retry={() => void query.refetch()} notFound={notFound} />;
  if (isEmpty?.(query.data)) return <NoData description={emptyText} />;
  return <>{children(query.data)}</>;
}
