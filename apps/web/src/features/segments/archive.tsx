import { InboxOutlined, RollbackOutlined } from '@ant-design/icons';
import type { SegmentView } from '@linli/contracts/insight';
import { App, Button } from 'antd';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useArchive } from './api.ts';

/** Archive with an undo in the toast, and restore; both refresh the lists. */
export function useArchiveActions() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { archive, restore } = useArchive();
  const failed = (err: unknown) =>
    message.error(err instanceof ApiError && err.status === 403 ? t('segments.forbidden') : String(err));
  const doRestore = (s: SegmentView) =>
    restore.mutate(s.key, {
      onSuccess: () => message.success(t('segments.restoredMsg', { name: s.name })),
      onError: failed,
    });
  const doArchive = (s: SegmentView) =>
    archive.mutate(s.key, {
      onSuccess: () => {
        const id = `archived-${s.key}`;
        message.open({
          key: id,
          type: 'success',
          duration: 8,
          content: (
            <span data-testid="archived-toast">
              {t('segments.archivedMsg', { name: s.name })}
              <Button
                type="link"
                size="small"
                icon={<RollbackOutlined />}
                onClick={() => {
                  message.destroy(id);
                  doRestore(s);
                }}
                data-testid="segment-undo"
              >
                {t('segments.undo')}
              </Button>
            </span>
          ),
        });
      },
      onError: failed,
    });
  return { doArchive, doRestore, busy: archive.isPending || restore.isPending };
}

type ArchiveActions = ReturnType<typeof useArchiveActions>;

/**
 * "归档" for an active segment, "恢复" for an archived one. The actions come from the caller so
 * that one pending change holds back the buttons of every row, not just its own.
 */
export function ArchiveButton({
  segment,
  actions,
  compact = false,
}: {
  segment: SegmentView;
  actions: ArchiveActions;
  /** a small link-style button, for table rows */
  compact?: boolean;
}) {
  const { t } = useI18n();
  const look = compact ? ({ type: 'link', size: 'small' } as const) : {};
  return segment.archivedAt ? (
    <Button
      {...look}
      icon={<RollbackOutlined />}
      disabled={actions.busy}
      onClick={() => actions.doRestore(segment)}
      data-testid="segment-restore"
    >
      {t('segments.restore')}
    </Button>
  ) : (
    <Button
      {...look}
      danger
      icon={<InboxOutlined />}
      disabled={actions.busy}
      onClick={() => actions.doArchive(segment)}
      data-testid="segment-archive"
    >
      {t('segments.archive')}
    </Button>
  );
}
