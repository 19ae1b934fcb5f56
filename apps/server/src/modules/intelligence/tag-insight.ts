import { EVENT_TYPES, EVENT_WINDOWS } from '@linli/contracts';
import type { Ctx } from '../../platform/context.ts';
import { fetchRows, shanghaiDayOf, sql } from '../../platform/db/fragments.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays, shanghaiDay } from '../../platform/shanghai.ts';
import { listCategories } from '../catalog/index.ts';
import { listCommunities } from '../communities/index.ts';
import { memberPage } from './member-lists.ts';
import { currentFit } from './personas.repo.ts';
import { FIELDS } from './tag-fields.ts';
import * as repo from './tags.repo.ts';
import { QUADRANT_NAMES, QUADRANTS } from './value-rules.ts';

/** What operators see of tags beyond the rule: how many carry it, how that moves, who they are. */

const COMPARATORS = {
  number: ['>=', '>', '<=', '<', '=', '!=', 'between', 'is_null', 'not_null'],
  text: ['=', '!=', 'in', 'not_in', 'is_null', 'not_null'],
  bool: ['=', '!='],
  map: ['>=', '>', '<=', '<', 'between'],
};

const EVENT_NAMES: Record<string, [string, string]> = {
  app_open: ['打开小程序', 'Opened the app'],
  view_product: ['浏览商品', 'Viewed a product'],
  add_to_cart: ['加购', 'Added to cart'],
  share: ['分享', 'Shared'],
  check_in: ['签到', 'Checked in'],
  content_view: ['浏览内容', 'Viewed content'],
  content_share: ['分享内容', 'Shared content'],
  cs_contact: ['联系客服', 'Contacted service'],
  review: ['评价', 'Reviewed'],
  complaint: ['投诉', 'Complained'],
  ugc_post: ['发布笔记', 'Posted'],
  group_message: ['群内发言', 'Wrote in a group'],
};

const FIXED_OPTIONS: Record<string, Array<[string, string, string]>> = {
  gender: [
    ['female', '女', 'Female'],
    ['male', '男', 'Male'],
    ['unknown', '未知', 'Unknown'],
  ],
  device_type: [
    ['ios', 'iOS', 'iOS'],
    ['android', '安卓', 'Android'],
    ['harmonyos', '鸿蒙', 'HarmonyOS'],
    ['mini_program', '微信小程序', 'Mini program'],
    ['h5', 'H5', 'H5'],
    ['other', '其他', 'Other'],
  ],
  value_quadrant: QUADRANTS.map((q) => [q, QUADRANT_NAMES[q].zh, QUADRANT_NAMES[q].en]),
};

const option = ([value, labelZh, labelEn]: [string, string, string]) => ({ value, labelZh, labelEn });

/** Every field, event and comparator a rule editor offers, with the values text fields take. */
export async function ruleVocabulary(ctx: Ctx) {
  const db = ctx.database.pool;
  const [categories, communities, fit] = await Promise.all([
    listCategories(db),
    listCommunities(ctx),
    currentFit(db),
  ]);
  const dynamic: Record<string, Array<[string, string, string]>> = {
    category_share_90d: categories.filter((c) => !c.parentCode).map((c) => [c.code, c.nameZh, c.nameEn]),
    community_id: communities.map((c) => [c.id, c.name, c.name]),
    persona: (fit?.personas ?? []).map((p) => [String(p.idx), p.nameZh, p.nameEn]),
  };
  return {
    fields: Object.entries(FIELDS).map(([name, f]) => {
      const options = FIXED_OPTIONS[name] ?? dynamic[name];
      return {
        name,
        type: f.type,
        labelZh: f.labelZh,
        labelEn: f.labelEn,
        ...(f.unit ? { unit: f.unit } : {}),
        ...(options ? { options: options.map(option) } : {}),
      };
    }),
    events: EVENT_TYPES.map((type) => ({
      type,
      labelZh: EVENT_NAMES[type]?.[0] ?? type,
      labelEn: EVENT_NAMES[type]?.[1] ?? type,
    })),
    windows: [...EVENT_WINDOWS],
    comparators: COMPARATORS,
  };
}

export async function totalMembers(ctx: Ctx): Promise<number> {
  const [row] = await fetchRows<{ n: number }>(
    ctx.database.pool,
    sql`SELECT count(*)::int AS n FROM members`,
  );
  return row!.n;
}

/** The catalogue with each tag's members, coverage and entries/exits over the last 7 days. */
export async function tagCatalogue(ctx: Ctx, now = new Date()) {
  const db = ctx.database.pool;
  const [tags, counts, changes, total] = await Promise.all([
    repo.allTags(db),
    repo.tagCounts(db),
    fetchRows<{ tagId: string; entered: number; left: number }>(
      db,
      sql`SELECT tag_id AS "tagId", (count(*) FILTER (WHERE change = 'entered'))::int AS entered,
            (count(*) FILTER (WHERE change = 'left'))::int AS "left"
          FROM tag_changes WHERE at > ${daysBefore(now, 7)}::timestamptz GROUP BY 1`,
    ),
    totalMembers(ctx),
  ]);
  const members = new Map(counts.map((c) => [c.tagId, c.members]));
  const moved = new Map(changes.map((c) => [c.tagId, c]));
  return {
    totalMembers: total,
    items: tags.map((t) => {
      const n = members.get(t.id) ?? 0;
      return {
        ...t,
        members: n,
        coverage: total ? n / total : 0,
        entered7d: moved.get(t.id)?.entered ?? 0,
        left7d: moved.get(t.id)?.left ?? 0,
      };
    }),
  };
}

/** One tag's members, coverage and last-7-day movement (what the catalogue shows per row). */
async function tagSummary(ctx: Ctx, tag: repo.TagRow, now: Date) {
  const [[row], total] = await Promise.all([
    fetchRows<{ members: number; entered: number; left: number }>(
      ctx.database.pool,
      sql`SELECT (SELECT count(*) FROM member_tags WHERE tag_id = ${tag.id})::int AS members,
            (SELECT count(*) FROM tag_changes WHERE tag_id = ${tag.id} AND change = 'entered'
               AND at > ${daysBefore(now, 7)}::timestamptz)::int AS entered,
            (SELECT count(*) FROM tag_changes WHERE tag_id = ${tag.id} AND change = 'left'
               AND at > ${daysBefore(now, 7)}::timestamptz)::int AS "left"`,
    ),
    totalMembers(ctx),
  ]);
  return {
    ...tag,
    members: row!.members,
    coverage: total ? row!.members / total : 0,
    entered7d: row!.entered,
    left7d: row!.left,
  };
}

async function tagOrThrow(ctx: Ctx, key: string) {
  const tag = await repo.tagByKey(ctx.database.pool, key);
  if (!tag) throw new AppError('not_found', 'tags.not_found', `No tag ${key}`);
  return tag;
}

const DAYS = 30;
const daysBefore = (now: Date, n: number) => new Date(now.getTime() - n * 86_400_000);

/** One tag in depth: versions, a 30-day trend, where its members are, and the values behind it. */
export async function tagDetail(ctx: Ctx, key: string, now = new Date()) {
  const db = ctx.database.pool;
  const tag = await tagOrThrow(ctx, key);
  const since = daysBefore(now, DAYS);
  const [summary, versions, moves, byCommunity, byQuadrant, values] = await Promise.all([
    tagSummary(ctx, tag, now),
    fetchRows<{ version: number; rule: unknown; changedBy: string; at: Date }>(
      db,
      sql`SELECT v.version, v.rule, coalesce(u.username, v.changed_by) AS "changedBy", v.at
          FROM tag_versions v LEFT JOIN users u ON u.id = v.changed_by WHERE v.tag_id = ${tag.id} ORDER BY v.version DESC`,
    ),
    fetchRows<{ day: string; entered: number; left: number }>(
      db,
      sql`SELECT ${shanghaiDayOf(sql`at`)}::text AS day, (count(*) FILTER (WHERE change = 'entered'))::int AS entered,
            (count(*) FILTER (WHERE change = 'left'))::int AS "left"
          FROM tag_changes WHERE tag_id = ${tag.id} AND at > ${since}::timestamptz GROUP BY 1`,
    ),
    fetchRows<{ communityId: string | null; name: string | null; members: number }>(
      db,
      sql`SELECT m.community_id AS "communityId", c.name, count(*)::int AS members
          FROM member_tags t JOIN members m ON m.id = t.member_id LEFT JOIN communities c ON c.id = m.community_id
          WHERE t.tag_id = ${tag.id} GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 20`,
    ),
    fetchRows<{ quadrant: string | null; members: number }>(
      db,
      sql`SELECT v.quadrant, count(*)::int AS members FROM member_tags t LEFT JOIN member_values v ON v.member_id = t.member_id
          WHERE t.tag_id = ${tag.id} GROUP BY 1 ORDER BY 2 DESC`,
    ),
    fetchRows<{ name: string; lo: number; hi: number; b: number; members: number }>(
      db,
      sql`WITH v AS (SELECT e.key AS name, (e.value #>> '{}')::float8 AS x
                     FROM member_tags t, jsonb_each(t.reason) e
                     WHERE t.tag_id = ${tag.id} AND jsonb_typeof(e.value) = 'number'),
          r AS (SELECT name, min(x) AS lo, max(x) AS hi FROM v GROUP BY name)
          SELECT v.name, r.lo, r.hi, least(width_bucket(v.x, r.lo, r.hi + 1e-9, 10), 10) AS b, count(*)::int AS members
          FROM v JOIN r USING (name) GROUP BY 1, 2, 3, 4 ORDER BY 1, 4`,
    ),
  ]);
  return {
    tag: summary,
    versions,
    trend: trendOf(summary.members, moves, now),
    byCommunity,
    byQuadrant: byQuadrant.map((q) => {
      const names = q.quadrant ? QUADRANT_NAMES[q.quadrant as keyof typeof QUADRANT_NAMES] : undefined;
      return {
        quadrant: q.quadrant,
        nameZh: names?.zh ?? '未评估',
        nameEn: names?.en ?? 'Not scored',
        members: q.members,
      };
    }),
    histograms: histogramsOf(values),
  };
}

/** Members at the end of each of the last 30 days, walking back from today's count. */
function trendOf(current: number, moves: { day: string; entered: number; left: number }[], now: Date) {
  const byDay = new Map(moves.map((m) => [m.day, m]));
  const out: { day: string; entered: number; left: number; members: number }[] = [];
  let members = current;
  for (let i = 0; i < DAYS; i++) {
    const day = addDays(shanghaiDay(now), -i);
    const m = byDay.get(day) ?? { entered: 0, left: 0 };
    out.push({ day, entered: m.entered, left: m.left, members });
    members = members - m.entered + m.left;
  }
  return out.reverse();
}

function histogramsOf(rows: { name: string; lo: number; hi: number; b: number; members: number }[]) {
  const byName = new Map<string, { from: number; to: number; members: number }[]>();
  for (const r of rows) {
    const width = (r.hi - r.lo) / 10;
    const buckets =
      byName.get(r.name) ??
      Array.from({ length: 10 }, (_, i) => ({
        from: r.lo + i * width,
        to: r.lo + (i + 1) * width,
        members: 0,
      }));
    buckets[r.b - 1]!.members += r.members;
    byName.set(r.name, buckets);
  }
  return [...byName].map(([name, buckets]) => ({ name, buckets }));
}

/** A page of a tag's members with the values that made the rule true. */
export async function tagMembers(ctx: Ctx, key: string, q: { limit: number; cursor?: string | undefined }) {
  const tag = await tagOrThrow(ctx, key);
  return memberPage(
    ctx,
    sql`SELECT member_id, since, reason FROM member_tags WHERE tag_id = ${tag.id}`,
    sql`, s.reason`,
    q,
  );
}
