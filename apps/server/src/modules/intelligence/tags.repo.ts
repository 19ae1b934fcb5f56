import type { TagRule } from '@linli/contracts';
import { execute, fetchRows, sql } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { matching } from './membership.repo.ts';
import { sameJson } from '../../platform/same-json.ts';

export interface TagRow {
  id: string;
  key: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  rule: TagRule;
  version: number;
  builtin: boolean;
  enabled: boolean;
  updatedAt?: Date;
}

const tagCols = sql`id, key, kind, name_zh AS "nameZh", name_en AS "nameEn", description_zh AS "descriptionZh",
  description_en AS "descriptionEn", rule, version, builtin, enabled, updated_at AS "updatedAt"`;

export function allTags(db: Queryable): Promise<TagRow[]> {
  return fetchRows<TagRow>(db, sql`SELECT ${tagCols} FROM tag_definitions ORDER BY kind, key`);
}

export async function tagByKey(db: Queryable, key: string): Promise<TagRow | undefined> {
  return (await fetchRows<TagRow>(db, sql`SELECT ${tagCols} FROM tag_definitions WHERE key = ${key}`))[0];
}

export async function insertTag(db: Queryable, t: Omit<TagRow, 'version'>, actor: string): Promise<void> {
  await execute(
    db,
    sql`INSERT INTO tag_definitions (id, key, kind, name_zh, name_en, description_zh, description_en, rule, builtin, enabled)
        VALUES (${t.id}, ${t.key}, ${t.kind}, ${t.nameZh}, ${t.nameEn}, ${t.descriptionZh}, ${t.descriptionEn},
                ${JSON.stringify(t.rule)}::jsonb, ${t.builtin}, ${t.enabled})`,
  );
  await execute(
    db,
    sql`INSERT INTO tag_versions (tag_id, version, rule, changed_by) VALUES (${t.id}, 1, ${JSON.stringify(t.rule)}::jsonb, ${actor})`,
  );
}

/** Saves new wording and rule; a changed rule becomes the next version. Returns the version. */
export async function updateTag(
  db: Queryable,
  before: TagRow,
  next: Omit<TagRow, 'id' | 'version' | 'builtin'>,
  actor: string,
): Promise<number> {
  const ruleChanged = !sameJson(before.rule, next.rule);
  const version = ruleChanged ? before.version + 1 : before.version;
  await execute(
    db,
    sql`UPDATE tag_definitions SET kind = ${next.kind}, name_zh = ${next.nameZh}, name_en = ${next.nameEn},
          description_zh = ${next.descriptionZh}, description_en = ${next.descriptionEn}, rule = ${JSON.stringify(next.rule)}::jsonb,
          enabled = ${next.enabled}, version = ${version}, updated_at = now()
        WHERE id = ${before.id}`,
  );
  if (ruleChanged)
    await execute(
      db,
      sql`INSERT INTO tag_versions (tag_id, version, rule, changed_by) VALUES (${before.id}, ${version}, ${JSON.stringify(next.rule)}::jsonb, ${actor})`,
    );
  return version;
}

/** Drops a disabled tag's members (logged as leaving). */
export async function clearTag(db: Queryable, tag: TagRow, now: Date): Promise<number> {
  const [row] = await fetchRows<{ n: number }>(
    db,
    sql`WITH gone AS (DELETE FROM member_tags WHERE tag_id = ${tag.id} RETURNING member_id),
        logged AS (INSERT INTO tag_changes (tag_id, member_id, change, at, version, reason)
          SELECT ${tag.id}, member_id, 'left', ${now}, ${tag.version}, '{"disabled": true}'::jsonb FROM gone RETURNING 1)
        SELECT count(*)::int AS n FROM logged`,
  );
  return row!.n;
}

export function countMatching(db: Queryable, rule: TagRule, now: Date) {
  return fetchRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${matching(rule, now)}) x`);
}

export function tagCounts(db: Queryable) {
  return fetchRows<{ tagId: string; members: number }>(
    db,
    sql`SELECT tag_id AS "tagId", count(*)::int AS members FROM member_tags GROUP BY 1`,
  );
}

export function tagsOfMember(db: Queryable, memberId: string) {
  return fetchRows<{
    key: string;
    kind: string;
    nameZh: string;
    nameEn: string;
    descriptionZh: string;
    since: Date;
    version: number;
    reason: Record<string, unknown>;
  }>(
    db,
    sql`SELECT d.key, d.kind, d.name_zh AS "nameZh", d.name_en AS "nameEn", d.description_zh AS "descriptionZh", t.since, t.version, t.reason
        FROM member_tags t JOIN tag_definitions d ON d.id = t.tag_id WHERE t.member_id = ${memberId} ORDER BY d.kind, d.key`,
  );
}

export async function featureCount(db: Queryable): Promise<number> {
  const [row] = await fetchRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM member_features`);
  return row!.n;
}
