import type { Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { allItems, shanghaiMinute, streamWorkbook } from '../../platform/xlsx-stream.ts';
import { listCommunities } from '../communities/index.ts';
import type { Group } from './segments.repo.ts';
import { getSegment, segmentMembers } from './segments.service.ts';

const PAGE = 5_000;
const WIDTHS = [24, 16, 16, 18, 10, 18];

const HEADERS = {
  'zh-CN': ['会员编号', '昵称', '手机号', '社区', '分组', '加入时间'],
  'en-US': ['Member id', 'Nickname', 'Phone', 'Community', 'Group', 'Since'],
} as const;

const GROUP_NAMES = {
  'zh-CN': { holdout: '对照组', treatment: '实验组' },
  'en-US': { holdout: 'Holdout', treatment: 'Treatment' },
} as const;

/** A segment's members as a streamed XLSX workbook, phones masked as on screen; audited. */
export async function exportSegment(
  ctx: Ctx,
  key: string,
  q: { group: Group; lang: 'zh-CN' | 'en-US' },
): Promise<{ stream: Readable; key: string }> {
  const segment = await getSegment(ctx, key);
  const communityName = new Map((await listCommunities(ctx)).map((c) => [c.id, c.name]));
  const groups = GROUP_NAMES[q.lang];
  async function* rows() {
    for await (const m of allItems((cursor) =>
      segmentMembers(ctx, key, { group: q.group, limit: PAGE, cursor }),
    ))
      yield [
        m.memberId,
        m.nickname ?? '',
        m.phone ?? '',
        m.communityId ? (communityName.get(m.communityId) ?? m.communityId) : '',
        m.holdout ? groups.holdout : groups.treatment,
        shanghaiMinute.format(new Date(m.since)),
      ];
  }
  const stream = streamWorkbook(
    segment.name,
    HEADERS[q.lang].map((header, i) => ({ header, width: WIDTHS[i]! })),
    rows(),
    (written) =>
      recordAudit(ctx, {
        action: 'export',
        entity: 'segment',
        entityId: segment.id,
        after: { group: q.group, rows: written },
      }),
  );
  return { stream, key: segment.key };
}
