import type { Kind, TagSummary } from '@linli/contracts/insight';
import { Flex, Statistic, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { int } from '../../app/format.ts';
import { useI18n, type Lang } from '../../app/i18n.tsx';
import type { DescribeContext } from '../rules/describe.ts';
import { useTagList, useVocabulary } from '../rules/hooks.ts';

export const KINDS: Kind[] = ['base', 'behaviour', 'emotion', 'model'];

export const KIND_COLOR: Record<Kind, string> = {
  base: 'blue',
  behaviour: 'green',
  emotion: 'volcano',
  model: 'purple',
};

export const tagName = (x: Pick<TagSummary, 'nameZh' | 'nameEn'>, lang: Lang) =>
  lang === 'zh-CN' ? x.nameZh : x.nameEn || x.nameZh;

/** What rules in words need: the fields' names, and the tags' names for tag conditions. */
export function useDescribeContext(): DescribeContext {
  const { t, lang } = useI18n();
  const vocab = useVocabulary();
  const tags = useTagList();
  return useMemo(() => {
    const names = new Map((tags.data?.items ?? []).map((x) => [x.key, tagName(x, lang)]));
    return { vocab: vocab.data, t, lang, tagName: (k: string) => names.get(k) };
  }, [vocab.data, tags.data, t, lang]);
}

/** A table as a CSV file the browser downloads (with a BOM so Excel reads the Chinese). */
export function downloadCsv(filename: string, header: string[], rows: unknown[][]): void {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n');
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Entered / left over the last 7 days: +12 / −3. */
export function Change7d({ entered, left }: { entered?: number; left?: number }) {
  if (entered === undefined && left === undefined) return <>—</>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type="success">+{int(entered ?? 0)}</Typography.Text>
      {' / '}
      <Typography.Text type={left ? 'danger' : 'secondary'}>−{int(left ?? 0)}</Typography.Text>
    </span>
  );
}

/** A catalogue row's name, linking to its page, over its key. */
export function NameOverKey({
  name,
  itemKey,
  to,
  testId,
}: {
  name: string;
  itemKey: string;
  to: string;
  testId: string;
}) {
  return (
    <Flex vertical>
      <Link to={to} data-testid={testId}>
        {name}
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {itemKey}
      </Typography.Text>
    </Flex>
  );
}

/** How many members a tag or segment has, right-aligned and sortable. */
export function membersColumn<T extends { members: number }>(title: string): ColumnType<T> {
  return {
    title,
    dataIndex: 'members',
    align: 'right',
    width: 110,
    sorter: (a, b) => a.members - b.members,
    render: (v: number) => int(v),
  };
}

/** A count of members as a statistic, grouped by thousands; `testId` marks the figure itself. */
export function CountStatistic({ title, value, testId }: { title: string; value: number; testId: string }) {
  return (
    <Statistic
      title={title}
      value={value}
      formatter={(v) => <span data-testid={testId}>{int(Number(v))}</span>}
    />
  );
}
