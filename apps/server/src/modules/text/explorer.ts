/**
 * The text explorer's queries: scored texts filtered by sentiment, aspect, intensity, source,
 * community, member, time and words; and the weekly share of negative texts per aspect. Leaders
 * see the texts of their own communities only.
 */
import { ASPECTS, type Aspect } from '@linli/text';
import type { TextItem, TextPage, TextTrend } from '@linli/contracts/text';
import { communityScope, type Ctx } from '../../platform/context.ts';
import { fetchRows, inCommunities, shanghaiBucket, sql, type SQL } from '../../platform/db/fragments.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { screenUgc } from '../../platform/ugc.ts';
import { RISK_LEVEL } from './scoring.service.ts';

export interface TextFilter {
  q?: string | undefined;
  sentiment?: 'positive' | 'negative' | undefined;
  aspect?: Aspect | undefined;
  /** with `aspect`: only texts negative (or positive) about it */
  polarity?: 'negative' | 'positive' | undefined;
  minIntensity?: number | undefined;
  source?: string | undefined;
  communityId?: string | undefined;
  memberId?: string | undefined;
  risk?: 'high' | 'medium' | 'low' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** The conditions over `s` (text_scores) and `m` (members) a filter stands for. */
function where(ctx: Ctx, f: TextFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.sentiment) parts.push(sql`s.label = ${f.sentiment === 'positive' ? 1 : 0}`);
  if (f.aspect) {
    const bit = 1 << ASPECTS.indexOf(f.aspect);
    const column =
      f.polarity === 'negative'
        ? sql`s.aspects_negative`
        : f.polarity === 'positive'
          ? sql`s.aspects_positive`
          : sql`s.aspects_mentioned`;
    parts.push(sql`${column} & ${bit}::int <> 0`);
  }
  if (f.minIntensity !== undefined) parts.push(sql`s.intensity >= ${f.minIntensity}`);
  if (f.source) parts.push(sql`s.source = ${f.source}`);
  if (f.communityId) parts.push(sql`m.community_id = ${f.communityId}`);
  if (f.memberId) parts.push(sql`s.member_id = ${f.memberId}`);
  if (f.risk) parts.push(sql`s.risk_level >= ${RISK_LEVEL[f.risk]}`);
  if (f.from) parts.push(sql`s.occurred_at >= ${f.from}`);
  if (f.to) parts.push(sql`s.occurred_at < ${f.to}`);
  if (f.q) {
    // the words as typed, matched literally (LIKE wildcards escaped)
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`e.text ILIKE ${pattern}`);
  }
  return sql`${sql.join(parts, sql` AND `)} ${inCommunities(sql`m.community_id`, communityScope(ctx))}`;
}

export async function listTexts(
  ctx: Ctx,
  f: TextFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<TextPage<Date>> {
  const after = decodeCursor(page.cursor, 2) as [string, string] | null;
  const found = await fetchRows<TextItem<Date>>(
    ctx.database.pool,
    sql`SELECT s.event_id AS "eventId", s.member_id AS "memberId", m.nickname, m.community_id AS "communityId",
          s.source, s.occurred_at AS "occurredAt", left(e.text, 2000) AS text, e.rating, s.label, s.probability,
          s.intensity, s.aspects, s.risk_hits AS "riskHits", s.model_version AS "modelVersion"
        FROM text_scores s
        JOIN events e ON e.id = s.event_id AND e.occurred_at = s.occurred_at
        JOIN members m ON m.id = s.member_id
        WHERE ${where(ctx, f)}
          ${after ? sql`AND (s.occurred_at, s.event_id) < (${after[0]}::timestamptz, ${after[1]})` : sql``}
        ORDER BY s.occurred_at DESC, s.event_id DESC LIMIT ${page.limit + 1}`,
  );
  // member-written text passes the compliance screen before it is shown (blocked parts masked)
  return toPage(await screenUgc(ctx.database.pool, found), page.limit, (r) => [
    r.occurredAt.toISOString(),
    r.eventId,
  ]);
}

type AspectCounts = TextTrend['totals']['aspects'];

/** Per Shanghai week (Monday first): texts, negatives, and per aspect mentions and negatives. */
export async function textTrend(ctx: Ctx, f: TextFilter): Promise<TextTrend> {
  const perAspect = ASPECTS.flatMap((a, i) => [
    sql`count(*) FILTER (WHERE s.aspects_mentioned & ${1 << i}::int <> 0)::int AS ${sql.identifier(`m_${a}`)}`,
    sql`count(*) FILTER (WHERE s.aspects_negative & ${1 << i}::int <> 0)::int AS ${sql.identifier(`n_${a}`)}`,
  ]);
  // words are searched in the list; the trend is over the same filters without them
  const needsText = f.q !== undefined && f.q !== '';
  const found = await fetchRows<Record<string, number | string>>(
    ctx.database.pool,
    sql`SELECT ${shanghaiBucket(sql`s.occurred_at`, 'week')}::text AS week, count(*)::int AS texts,
          count(*) FILTER (WHERE s.label = 0)::int AS negative, ${sql.join(perAspect, sql`, `)}
        FROM text_scores s JOIN members m ON m.id = s.member_id
          ${needsText ? sql`JOIN events e ON e.id = s.event_id AND e.occurred_at = s.occurred_at` : sql``}
        WHERE ${where(ctx, f)}
        GROUP BY 1 ORDER BY 1`,
  );
  const empty = (): AspectCounts =>
    Object.fromEntries(ASPECTS.map((a) => [a, { mentioned: 0, negative: 0 }])) as AspectCounts;
  const totals = { texts: 0, negative: 0, aspects: empty() };
  const weeks = found.map((r) => {
    const aspects = empty();
    for (const a of ASPECTS) {
      aspects[a] = { mentioned: Number(r[`m_${a}`]), negative: Number(r[`n_${a}`]) };
      totals.aspects[a].mentioned += aspects[a].mentioned;
      totals.aspects[a].negative += aspects[a].negative;
    }
    totals.texts += Number(r.texts);
    totals.negative += Number(r.negative);
    return { week: String(r.week), texts: Number(r.texts), negative: Number(r.negative), aspects };
  });
  return { weeks, totals };
}
