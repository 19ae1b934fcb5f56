/** NPS by month, community and leader, each with its 95 % interval, and the import of answers. */
import type { NpsFigure, NpsReport } from '@linli/contracts/opinion';
import { recordAudit } from '../../platform/audit.ts';
import { communityScope, type Ctx } from '../../platform/context.ts';
import { fetchRows, sql } from '../../platform/db/fragments.ts';
import { rows, withTransaction } from '../../platform/db/sql.ts';
import { memberIdOf } from '../members/index.ts';
import { orderIdOf } from '../commerce/index.ts';
import { communityIdOf, placesWithLeadersFragment } from '../communities/index.ts';
import { parseInstant } from '../../platform/batch.ts';
import { readCsv } from './csv.ts';
import { stableId, surveyToken } from './keys.ts';
import { npsEstimate } from './nps-stats.ts';
import { detractorMessage } from './nps.service.ts';
import type { OpinionRowProblem } from '@linli/contracts/opinion';

/** Imported detractor answers younger than this become messages on the board. */
export const DETRACTOR_ALERT_DAYS = 7;

/** The seed's case (6.2): NPS from −15 to +42 after the three-level system. */
export const SEED_NPS = { from: -15, to: 42 } as const;

interface Group {
  key: string;
  promoters: number;
  passives: number;
  detractors: number;
}

function figure(g: Group, label: string): NpsFigure {
  const e = npsEstimate(g);
  return {
    key: g.key,
    label,
    n: e.n,
    promoters: g.promoters,
    passives: g.passives,
    detractors: g.detractors,
    nps: e.nps,
    ciLow: e.ciLow,
    ciHigh: e.ciHigh,
  };
}

export async function npsReport(ctx: Ctx, q: { from: string; to: string }): Promise<NpsReport> {
  const scope = communityScope(ctx);
  const grouped = await rows<Group & { dim: string }>(
    ctx.database.pool,
    `SELECT dim, key, count(*) FILTER (WHERE score >= 9)::int AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE score <= 6)::int AS detractors
     FROM (SELECT s.score,
             to_char(s.answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
             coalesce(s.community_id, '') AS community, coalesce(s.leader_id, '') AS leader
           FROM nps_surveys s
           WHERE s.answered_at IS NOT NULL
             AND s.answered_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')
             AND s.answered_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
             AND ($3::text[] IS NULL OR s.community_id = ANY($3::text[]))) a
     CROSS JOIN LATERAL (VALUES ('all', ''), ('month', a.month), ('community', a.community), ('leader', a.leader)) d(dim, key)
     GROUP BY dim, key ORDER BY dim, key`,
    [q.from, q.to, scope],
  );
  const places = await fetchRows<{
    community_id: string;
    community_name: string;
    leader_id: string | null;
    leader_name: string | null;
  }>(
    ctx.database.pool,
    sql`SELECT DISTINCT p.community_id, p.community_name, p.leader_id, p.leader_name FROM (${placesWithLeadersFragment()}) p`,
  );
  const communityName = new Map(places.map((p) => [p.community_id, p.community_name]));
  const leaderName = new Map(
    places.flatMap((p) => (p.leader_id ? [[p.leader_id, p.leader_name ?? p.leader_id] as const] : [])),
  );
  const of = (dim: string) => grouped.filter((g) => g.dim === dim);
  const all = of('all')[0] ?? { key: '', promoters: 0, passives: 0, detractors: 0 };
  return {
    overall: figure(all, 'all'),
    byMonth: of('month').map((g) => figure(g, g.key)),
    byCommunity: of('community').map((g) => figure(g, communityName.get(g.key) ?? (g.key || '—'))),
    byLeader: of('leader').map((g) => figure(g, leaderName.get(g.key) ?? (g.key || '—'))),
    benchmark: SEED_NPS,
  };
}

const RESPONSE_COLUMNS = {
  id: ['response_id', '答卷ID', '编号'],
  memberId: ['member_id', '会员ID', '用户ID'],
  score: ['nps', '评分', '分数', '推荐度', 'rating'],
  reason: ['原因', '理由', '反馈', 'comment'],
  answeredAt: ['answered_at', 'time', '时间', '答题时间', '提交时间'],
  communityId: ['community_id', '小区ID'],
  orderId: ['order_id', '订单号'],
} as const;

/**
 * Answers from another survey tool (CSV, UTF-8 or GBK): each row is an answered survey, idempotent
 * on its id. A score that is not a whole number from 0 to 10 is refused with its row.
 */
export async function importResponses(ctx: Ctx, body: Buffer | string) {
  const { items, lines } = readCsv(body, RESPONSE_COLUMNS, ['id', 'score'], 'NPS answers');
  const problems: OpinionRowProblem[] = [];
  const tolerance = ctx.config.LINLI_FUTURE_TOLERANCE_MINUTES * 60_000;
  const good: Array<{
    id: string;
    ext: string;
    member: string | null;
    score: number;
    reason: string;
    at: Date;
    community: string | null;
    order: string | null;
  }> = [];
  items.forEach((it, index) => {
    const problem = (field: string, reason: string, code: string) =>
      problems.push({ index, row: lines[index], field, reason, code: `nps.${code}` });
    const before = problems.length;
    const raw = (it.score ?? '').trim();
    const score = /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(score >= 0 && score <= 10))
      problem('score', `a whole number from 0 to 10 (got ${JSON.stringify(raw)})`, 'score_out_of_range');
    if ((it.reason ?? '').length > 1_000) problem('reason', 'at most 1,000 characters', 'reason_too_long');
    const at = it.answeredAt ? parseInstant(it.answeredAt, 'answeredAt', tolerance, problem) : new Date();
    if (problems.length > before || !at) return;
    good.push({
      id: stableId('nps', 'import', it.id!),
      ext: it.id!,
      member: it.memberId ? memberIdOf(it.memberId) : null,
      score,
      reason: it.reason ?? '',
      at,
      community: it.communityId ? communityIdOf(it.communityId) : null,
      order: it.orderId ? orderIdOf(it.orderId) : null,
    });
  });
  const inserted = await withTransaction(ctx.database, async (tx) => {
    const r = await rows<{ id: string }>(
      tx,
      `INSERT INTO nps_surveys (id, token, dedupe_key, trigger, member_id, order_id, community_id, sent_at,
         expires_at, answered_at, score, reason)
       SELECT id, token, 'import:' || ext, 'import', mbr, ord, com, at, at, at, score, reason
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
         $8::smallint[], $9::text[]) AS t(id, token, ext, mbr, ord, com, at, score, reason)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        good.map((g) => g.id),
        good.map(() => surveyToken()),
        good.map((g) => g.ext),
        good.map((g) => g.member),
        good.map((g) => g.order),
        good.map((g) => g.community),
        good.map((g) => g.at),
        good.map((g) => g.score),
        good.map((g) => g.reason),
      ],
    );
    await recordAudit(
      ctx,
      { action: 'import', entity: 'nps_surveys', after: { accepted: r.length, rejected: problems.length } },
      tx,
    );
    return new Set(r.map((x) => x.id));
  });
  // old answers are history, not alerts: only a recent detractor's reason reaches the board
  const recent = Date.now() - DETRACTOR_ALERT_DAYS * 86_400_000;
  for (const g of good)
    if (inserted.has(g.id) && g.at.getTime() >= recent)
      await detractorMessage(ctx, {
        id: g.id,
        memberId: g.member,
        orderId: g.order,
        pickupPointId: null,
        score: g.score,
        reason: g.reason,
        answeredAt: g.at,
      });
  return {
    received: items.length,
    accepted: inserted.size,
    duplicates: good.length - inserted.size,
    rejected: problems,
  };
}
