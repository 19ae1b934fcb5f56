/**
 * Who else bought it: for a food-safety or quality incident tied to a SKU, every member who bought
 * that product at the incident's pickup points (or anywhere) in the window, for proactive outreach
 * and refunds. Orders are read through commerce's fragment, names and masked phones through the
 * members' one; a phone is never shown unmasked here.
 */
import type { AffectedMember, AffectedView } from '@linli/contracts/opinion';
import type { Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import { rows } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { shanghaiMinute, streamWorkbook } from '../../platform/xlsx-stream.ts';
import { orderKpis } from '../commerce/index.ts';
import { placesWithLeadersFragment } from '../communities/index.ts';
import { memberKpis } from '../members/index.ts';
import { visibleIncident } from './incidents.read.ts';

export interface AffectedQuery {
  /** days of orders before the incident opened */
  days: number;
  /** `points`: the pickup points the incident's messages name (all when none does); `all`: everywhere */
  scope: 'points' | 'all';
}

export async function affectedMembers(ctx: Ctx, id: string, q: AffectedQuery): Promise<AffectedView<Date>> {
  const db = ctx.database.pool;
  const inc = await visibleIncident(ctx, db, id);
  if (!inc.productId)
    throw new AppError(
      'conflict',
      'opinion.no_sku',
      'The incident names no SKU: there is no product to trace',
    );
  if (inc.category !== 'food_safety' && inc.category !== 'quality_freshness')
    throw new AppError(
      'conflict',
      'opinion.not_product_incident',
      'Affected members are listed for food-safety and quality incidents',
    );
  const points =
    q.scope === 'all'
      ? null
      : (
          await rows<{ p: string }>(
            db,
            'SELECT DISTINCT pickup_point_id AS p FROM opinion_messages WHERE incident_id = $1 AND pickup_point_id IS NOT NULL',
            [id],
          )
        ).map((r) => r.p);
  const from = new Date(inc.openedAt.getTime() - q.days * 86_400_000);
  const to = new Date(Math.max(Date.now(), inc.lastMessageAt.getTime()));
  const buyers = await fetchRows<{
    member_id: string;
    orders: number;
    quantity: number;
    amount_fen: number;
    last_order_at: Date;
    pickup_point_id: string | null;
  }>(
    db,
    orderKpis.productBuyersFragment({
      productId: inc.productId,
      since: from,
      until: to,
      pickupPointIds: points && points.length ? points : null,
    }),
  );
  const ids = buyers.map((b) => b.member_id);
  const [contacts, places, writers] = await Promise.all([
    ids.length
      ? fetchRows<{
          member_id: string;
          external_id: string;
          nickname: string | null;
          phone_masked: string | null;
        }>(db, memberKpis.memberContactsFragment(ids))
      : [],
    fetchRows<{ point_id: string; point_name: string }>(
      db,
      sql`SELECT p.point_id, p.point_name FROM (${placesWithLeadersFragment()}) p WHERE p.point_id IS NOT NULL`,
    ),
    rows<{ m: string }>(
      db,
      'SELECT DISTINCT member_id AS m FROM opinion_messages WHERE incident_id = $1 AND member_id IS NOT NULL',
      [id],
    ),
  ]);
  const contact = new Map(contacts.map((c) => [c.member_id, c]));
  const pointName = new Map(places.map((p) => [p.point_id, p.point_name]));
  const complained = new Set(writers.map((w) => w.m));
  const members: AffectedMember<Date>[] = buyers
    .map((b) => {
      const c = contact.get(b.member_id);
      return {
        memberId: b.member_id,
        externalId: c?.external_id ?? b.member_id,
        nickname: c?.nickname ?? null,
        phoneMasked: c?.phone_masked ?? null,
        pickupPointId: b.pickup_point_id,
        pickupPointName: b.pickup_point_id ? (pointName.get(b.pickup_point_id) ?? null) : null,
        orders: b.orders,
        quantity: Number(b.quantity),
        amountFen: Number(b.amount_fen),
        lastOrderAt: b.last_order_at,
        complained: complained.has(b.member_id),
      };
    })
    .sort(
      (a, b) =>
        Number(b.complained) - Number(a.complained) || b.lastOrderAt.getTime() - a.lastOrderAt.getTime(),
    );
  return {
    productId: inc.productId,
    sku: inc.sku,
    batch: inc.batch,
    pickupPointIds: points && points.length ? points : null,
    from,
    to,
    members,
    total: members.length,
  };
}

const HEADERS = {
  'zh-CN': [
    '会员ID',
    '昵称',
    '手机号（脱敏）',
    '自提点',
    '订单数',
    '数量',
    '金额（元）',
    '最近下单',
    '已投诉',
  ],
  'en-US': [
    'Member id',
    'Nickname',
    'Phone (masked)',
    'Pickup point',
    'Orders',
    'Quantity',
    'Amount (yuan)',
    'Last order',
    'Complained',
  ],
} as const;

/** The list as an Excel workbook (audited with its size). */
export async function affectedWorkbook(
  ctx: Ctx,
  id: string,
  q: AffectedQuery,
  lang: 'zh-CN' | 'en-US',
): Promise<Readable> {
  const view = await affectedMembers(ctx, id, q);
  const widths = [22, 14, 16, 18, 8, 8, 12, 18, 8];
  const yes = lang === 'zh-CN' ? '是' : 'yes';
  async function* rowsOf() {
    for (const m of view.members)
      yield [
        m.externalId,
        m.nickname ?? '',
        m.phoneMasked ?? '',
        m.pickupPointName ?? m.pickupPointId ?? '',
        m.orders,
        m.quantity,
        m.amountFen / 100,
        shanghaiMinute.format(m.lastOrderAt),
        m.complained ? yes : '',
      ];
  }
  return streamWorkbook(
    lang === 'zh-CN' ? '受影响会员' : 'Affected members',
    HEADERS[lang].map((header, i) => ({ header, width: widths[i]! })),
    rowsOf(),
    (written) =>
      recordAudit(ctx, {
        action: 'export_affected',
        entity: 'opinion_incident',
        entityId: id,
        after: { rows: written, sku: view.sku, scope: q.scope, days: q.days },
      }),
  );
}
