import { DownloadOutlined, EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { Kind, TagSummary } from '@linli/contracts/insight';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Progress,
  Segmented,
  Space,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useSearchPatch } from '../../app/useSearchPatch.ts';
import { api, ApiError } from '../../app/api.ts';
import { useCanEdit } from '../../app/auth.tsx';
import { int, pct, shanghaiToday } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { QueryTable } from '../../app/QueryTable.tsx';
import { useTagList } from '../rules/hooks.ts';
import { Change7d, downloadCsv, KIND_COLOR, KINDS, membersColumn, NameOverKey, tagName } from './shared.tsx';
import { TagEditor } from './TagEditor.tsx';

/** Search over both names, the key and both descriptions. */
function matches(x: TagSummary, q: string): boolean {
  const needle = q.toLowerCase();
  return [x.nameZh, x.nameEn, x.key, x.descriptionZh, x.descriptionEn].some((s) =>
    (s ?? '').toLowerCase().includes(needle),
  );
}

/** The on/off switch in a row: the same body back with `enabled` flipped. */
function EnabledSwitch({ tag, canEdit }: { tag: TagSummary; canEdit: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    try {
      const { key, kind, nameZh, nameEn, descriptionZh, descriptionEn, rule } = tag;
      await api('PUT', `/api/v1/tags/${encodeURIComponent(key)}`, {
        ...{ key, kind, nameZh, nameEn, descriptionZh, descriptionEn, rule },
        enabled,
      });
      message.success(
        t('tags.toggled', {
          state: enabled ? t('tags.enabledState') : t('tags.disabledState'),
          name: tagName(tag, lang),
        }),
      );
      await client.invalidateQueries({ queryKey: ['tags'] });
    } catch (err) {
      message.error(err instanceof ApiError && err.status === 403 ? t('tags.forbidden') : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Switch
      size="small"
      checked={tag.enabled}
      loading={busy}
      disabled={!canEdit}
      onChange={(v) => void toggle(v)}
    />
  );
}

/** The tag catalogue: every tag with its reach, recent movement and version. */
export default function TagsPage() {
  const { t, lang } = useI18n();
  const canEdit = useCanEdit();
  const { params, patch } = useSearchPatch();
  // the box keeps its own text (typing stays immediate); the address follows it for sharing
  const [q, setQ] = useState(() => params.get('q') ?? '');
  const needle = q.trim();
  const kind = (params.get('kind') ?? 'all') as Kind | 'all';
  const [editing, setEditing] = useState<{ tag?: TagSummary } | null>(null);
  const query = useTagList();
  const items = useMemo(() => query.data?.items ?? [], [query.data]);
  const searched = useMemo(() => (needle ? items.filter((x) => matches(x, needle)) : items), [items, needle]);
  const rows = kind === 'all' ? searched : searched.filter((x) => x.kind === kind);
  const counts = (k: Kind | 'all') =>
    k === 'all' ? searched.length : searched.filter((x) => x.kind === k).length;

  const exportCsv = () =>
    downloadCsv(
      `linli-tags-${shanghaiToday()}.csv`,
      [
        'key',
        'kind',
        'name_zh',
        'name_en',
        'members',
        'coverage',
        'entered_7d',
        'left_7d',
        'version',
        'enabled',
        'builtin',
      ],
      rows.map((x) => [
        x.key,
        x.kind,
        x.nameZh,
        x.nameEn,
        x.members,
        x.coverage,
        x.entered7d,
        x.left7d,
        x.version,
        x.enabled,
        x.builtin,
      ]),
    );

  return (
    <Card
      title={t('tags.title')}
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            onClick={exportCsv}
            disabled={!rows.length}
            data-testid="tags-export"
          >
            {t('tags.exportCsv')}
          </Button>
          {canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="tag-create"
            >
              {t('tags.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Input
          allowClear
          prefix={<SearchOutlined style={{ color: '#999' }} />}
          placeholder={t('tags.searchPlaceholder')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            patch({ q: e.target.value.trim() || undefined });
          }}
          style={{ width: 300 }}
          data-testid="tag-search"
        />
        <Segmented<Kind | 'all'>
          value={kind}
          onChange={(v) => patch({ kind: v === 'all' ? undefined : v })}
          options={(['all', ...KINDS] as const).map((k) => ({
            value: k,
            label: (
              <Tooltip title={k === 'all' ? undefined : t(`tags.kindHelp.${k}`)}>
                <span data-kind={k}>
                  {k === 'all' ? t('tags.all') : t(`tags.kinds.${k}`)} ({counts(k)})
                </span>
              </Tooltip>
            ),
          }))}
          data-testid="tag-kind-filter"
        />
        {query.data && (
          <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
            {t('tags.total', { n: items.length, members: int(query.data.totalMembers) })}
          </Typography.Text>
        )}
      </Flex>
      <QueryTable<TagSummary>
        query={query}
        rowKey="key"
        size="middle"
        dataSource={rows}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
        locale={{ emptyText: t('tags.noMatch') }}
        scroll={{ x: 1100 }}
        data-testid="tag-table"
        onRow={(x) => ({ 'data-key': x.key }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('tags.name'),
            dataIndex: 'nameZh',
            render: (_, x) => (
              <NameOverKey
                name={tagName(x, lang)}
                itemKey={x.key}
                to={`/tags/${encodeURIComponent(x.key)}`}
                testId="tag-link"
              />
            ),
          },
          {
            title: t('tags.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: Kind) => <Tag color={KIND_COLOR[k]}>{t(`tags.kinds.${k}`)}</Tag>,
          },
          membersColumn<TagSummary>(t('tags.members')),
          {
            title: t('tags.coverage'),
            dataIndex: 'coverage',
            width: 170,
            sorter: (a, b) => (a.coverage ?? 0) - (b.coverage ?? 0),
            render: (v: number | undefined) =>
              v === undefined ? (
                '—'
              ) : (
                <Tooltip title={pct(v, 2)}>
                  <Progress
                    percent={Math.round(v * 1000) / 10}
                    size="small"
                    strokeColor="#00a870"
                    format={(p) => `${p}%`}
                  />
                </Tooltip>
              ),
          },
          {
            title: t('tags.change7d'),
            width: 150,
            sorter: (a, b) => (a.entered7d ?? 0) - (a.left7d ?? 0) - ((b.entered7d ?? 0) - (b.left7d ?? 0)),
            render: (_, x) => <Change7d entered={x.entered7d} left={x.left7d} />,
          },
          { title: t('tags.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          {
            title: t('tags.enabled'),
            dataIndex: 'enabled',
            width: 80,
            render: (_, x) => <EnabledSwitch tag={x} canEdit={canEdit} />,
          },
          {
            title: t('tags.builtin'),
            dataIndex: 'builtin',
            width: 80,
            render: (v: boolean) =>
              v ? <Tag>{t('tags.builtinTag')}</Tag> : <Tag color="cyan">{t('tags.customTag')}</Tag>,
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  width: 80,
                  render: (_: unknown, x: TagSummary) => (
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing({ tag: x })}
                    >
                      {t('tags.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <TagEditor open={editing !== null} tag={editing?.tag} onClose={() => setEditing(null)} />
    </Card>
  );
}
