import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
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

const shanghai = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});

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
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = book.addWorksheet(q.lang === 'zh-CN' ? '会员' : 'Members');
  sheet.columns = HEADERS[q.lang].map((header, i) => ({
    header,
    width: [24, 18, 16, 16, 8, 12, 18, 18, 18, 12, 8][i],
  }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    let cursor: string | undefined;
    let written = 0;
    do {
      const { lang: _lang, ...filter } = q;
      const page = await listMembers(ctx, { ...filter, limit: PAGE, cursor });
      for (const m of page.items) {
        sheet.addRow(rowOf(m, communityName, pickupName)).commit();
        written++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    await sheet.commit();
    await book.commit();
    await recordAudit(ctx, {
      action: 'export',
      entity: 'members',
      after: { filter: { ...q, lang: undefined }, rows: written },
    });
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
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
    m.registeredAt ? shanghai.format(new Date(m.registeredAt)) : '',
    m.communityId ? (communityName.get(m.communityId) ?? m.communityId) : '',
    m.pickupPointId ? (pickupName.get(m.pickupPointId) ?? m.pickupPointId) : '',
    m.deviceType ?? '',
    m.isStub ? 'Y' : '',
  ];
}
