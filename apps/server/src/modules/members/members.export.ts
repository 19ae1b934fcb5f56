import type { Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { allItems, shanghaiMinute, streamWorkbook } from '../../platform/xlsx-stream.ts';
import { listCommunities } from '../communities/index.ts';
import { listMembers, type MemberFilter, type MemberView } from './members.service.ts';

const PAGE = 5_000;

const HEADERS = {
  'zh-CN': [
    '会员编号',
    '外部编号',
    '昵称',
    '手机号',
    '性别',
    '生日',
    '注册时间',
    '社区',
    '自提点',
    '设备',
    '待补全',
  ],
  'en-US': [
    'Member id',
    'External id',
    'Nickname',
    'Phone',
    'Gender',
    'Birthday',
    'Registered',
    'Community',
    'Pickup point',
    'Device',
    'Stub',
  ],
} as const;

const WIDTHS = [24, 18, 16, 16, 8, 12, 18, 18, 18, 12, 8];

export interface ExportQuery extends MemberFilter {
  lang: 'zh-CN' | 'en-US';
}

/**
 * The members matching a list filter as a streamed XLSX workbook: pages through the same keyset
 * query as the list, so memory stays flat however many members match. Phones are masked, as on
 * screen. Each export is audited since it takes personal data out of the system.
 */
export async function exportMembers(ctx: Ctx, q: ExportQuery): Promise<Readable> {
  const communities = await listCommunities(ctx);
  const communityName = new Map(communities.map((c) => [c.id, c.name]));
  const pickupName = new Map(
    communities.flatMap((c) =>
      (c.pickupPoints as Array<{ id: string; name: string }>).map((p) => [p.id, p.name]),
    ),
  );
  const { lang, ...filter } = q;
  async function* rows() {
    for await (const m of allItems((cursor) => listMembers(ctx, { ...filter, limit: PAGE, cursor })))
      yield rowOf(m, communityName, pickupName);
  }
  return streamWorkbook(
    lang === 'zh-CN' ? '会员' : 'Members',
    HEADERS[lang].map((header, i) => ({ header, width: WIDTHS[i]! })),
    rows(),
    (written) =>
      recordAudit(ctx, {
        action: 'export',
        entity: 'members',
        after: { filter: { ...q, lang: undefined }, rows: written },
      }),
  );
}

function rowOf(
  m: MemberView,
  communityName: Map<string, string>,
  pickupName: Map<string, string>,
): unknown[] {
  return [
    m.id,
    m.externalId,
    m.nickname ?? '',
    m.phone ?? '',
    m.gender ?? '',
    m.birthday ?? '',
    m.registeredAt ? shanghaiMinute.format(new Date(m.registeredAt)) : '',
    m.communityId ? (communityName.get(m.communityId) ?? m.communityId) : '',
    m.pickupPointId ? (pickupName.get(m.pickupPointId) ?? m.pickupPointId) : '',
    m.deviceType ?? '',
    m.isStub ? 'Y' : '',
  ];
}
