import type { Ctx } from '../../platform/context.ts';
import { communityScope } from '../../platform/context.ts';
import { fetchRows, inCommunities, sql, type SQL } from '../../platform/db/fragments.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';

/** One member of a tag or segment as lists show it: the phone only masked. */
export interface MemberRow {
  memberId: string;
  nickname: string | null;
  phone: string | null;
  communityId: string | null;
  since: Date;
  reason?: Record<string, unknown>;
  holdout?: boolean;
}

/**
 * A page of members from `source` (rows with member_id, since and optional extra columns), in
 * member id order, limited to the communities the actor may see.
 */
export async function memberPage(
  ctx: Ctx,
  source: SQL,
  extra: SQL,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<MemberRow>> {
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  const found = await fetchRows<MemberRow>(
    ctx.database.pool,
    sql`SELECT s.member_id AS "memberId", m.nickname, m.phone_masked AS phone, m.community_id AS "communityId",
          s.since ${extra}
        FROM (${source}) s JOIN members m ON m.id = s.member_id
        WHERE true ${inCommunities(sql`m.community_id`, communityScope(ctx))}
          ${after ? sql`AND s.member_id > ${after[0]}` : sql``}
        ORDER BY s.member_id LIMIT ${q.limit + 1}`,
  );
  return toPage(found, q.limit, (r) => [r.memberId]);
}
