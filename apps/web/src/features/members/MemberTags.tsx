import { useQuery } from '@tanstack/react-query';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { get } from '../../app/api.ts';
import { shanghaiTime } from '../../app/format.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { ErrorState, Loading, NoData } from '../../app/states.tsx';

interface MemberTag {
  key: string;
  kind: 'base' | 'behaviour' | 'emotion' | 'model';
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  since: string;
  version: number;
  reason: Record<string, number | string | boolean | null>;
}

const KIND_COLOR: Record<MemberTag['kind'], string> = {
  base: 'blue',
  behaviour: 'green',
  emotion: 'volcano',
  model: 'purple',
};

/** The member's tags grouped by kind; hovering one shows the rule's values that made it apply. */
export function MemberTags({ memberId }: { memberId: string }) {
  const { t, lang } = useI18n();
  const query = useQuery({
    queryKey: ['member-tags', memberId],
    queryFn: () => get<{ items: MemberTag[] }>(`/api/v1/members/${encodeURIComponent(memberId)}/tags`),
  });
  if (query.isPending) return <Loading rows={2} />;
  if (query.error) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <NoData description={t('members.noTags')} />;
  const kinds = ['base', 'behaviour', 'emotion', 'model'] as const;
  return (
    <Flex vertical gap={10} data-testid="member-tags">
      {kinds.map((kind) => {
        const tags = query.data.items.filter((x) => x.kind === kind);
        if (tags.length === 0) return null;
        return (
          <div key={kind}>
            <Typography.Text type="secondary" style={{ marginRight: 8 }}>
              {t(`members.tagKinds.${kind}` as MessageKey)}
            </Typography.Text>
            {tags.map((x) => (
              <Tooltip
                key={x.key}
                title={
                  <div>
                    <div>{x.descriptionZh}</div>
                    <div>
                      {t('members.tagReason')}：
                      {Object.entries(x.reason)
                        .map(([k, v]) => `${k} = ${typeof v === 'number' ? Number(v.toFixed(4)) : String(v)}`)
                        .join('，')}
                    </div>
                    <div>
                      {t('members.tagSince')}：{shanghaiTime(x.since)} · v{x.version}
                    </div>
                  </div>
                }
              >
                <Tag color={KIND_COLOR[x.kind]} style={{ marginBottom: 4 }}>
                  {lang === 'zh-CN' ? x.nameZh : x.nameEn}
                </Tag>
              </Tooltip>
            ))}
          </div>
        );
      })}
    </Flex>
  );
}
