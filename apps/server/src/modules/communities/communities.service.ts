import { z } from 'zod';
import type { BatchResult } from '@linli/contracts';
import { recordAudit } from '../../platform/audit.ts';
import { batchResult, checkItems } from '../../platform/batch.ts';
import { communityScope, type Ctx } from '../../platform/context.ts';
import { columnsOf, rows, withTransaction } from '../../platform/db/sql.ts';
import { derivedId } from '../../platform/ids.ts';
import { encryptPii, lookupHash, normalizeMainlandPhone } from '../../platform/pii.ts';
import type { CommunityView } from '@linli/contracts/console';

export const communityIdOf = (externalId: string): string => derivedId('com', externalId);
export const pickupPointIdOf = (externalId: string): string => derivedId('pkp', externalId);
export const leaderIdOf = (externalId: string): string => derivedId('ldr', externalId);
export const wechatGroupIdOf = (externalId: string): string => derivedId('wcg', externalId);

export const communityInput = z
  .object({
    id: z.string().min(1).max(128),
    name: z.string().min(1).max(100),
    city: z.string().min(1).max(50),
    district: z.string().min(1).max(50),
    wechatGroups: z
      .array(z.object({ id: z.string().min(1).max(128), name: z.string().min(1).max(100) }).strict())
      .max(200)
      .optional()
      .describe("the community's WeChat groups (群ID and name); groups are added, never removed by a resend"),
  })
  .strict();

export const pickupPointInput = z
  .object({
    id: z.string().min(1).max(128),
    communityId: z.string().min(1),
    name: z.string().min(1).max(100),
    address: z.string().min(1).max(300),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    leader: z
      .object({ id: z.string().min(1), name: z.string().min(1), phone: z.string().optional() })
      .optional(),
  })
  .strict();

export async function upsertCommunities(ctx: Ctx, items: unknown[]): Promise<BatchResult> {
  const { valid, problems } = checkItems(items, communityInput, 'communities');
  const list = valid.map((v) => v.value);
  const written = await withTransaction(ctx.database, async (tx) => {
    const r = await tx.query(
      `INSERT INTO communities (id, external_id, name, city, district)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, city = excluded.city, district = excluded.district, updated_at = now()
       WHERE (communities.name, communities.city, communities.district) IS DISTINCT FROM (excluded.name, excluded.city, excluded.district)
       RETURNING id`,
      [
        list.map((c) => communityIdOf(c.id)),
        list.map((c) => c.id),
        list.map((c) => c.name),
        list.map((c) => c.city),
        list.map((c) => c.district),
      ],
    );
    const groups = list.flatMap((c) =>
      (c.wechatGroups ?? []).map((g) => ({ ...g, communityId: communityIdOf(c.id) })),
    );
    const g = await tx.query(
      `INSERT INTO wechat_groups (id, wechat_group_id, community_id, name)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ORDER BY 1
       ON CONFLICT (id) DO UPDATE SET community_id = excluded.community_id, name = excluded.name
       WHERE (wechat_groups.community_id, wechat_groups.name) IS DISTINCT FROM (excluded.community_id, excluded.name)
       RETURNING community_id`,
      columnsOf(
        groups.map((x) => ({ ...x, rowId: wechatGroupIdOf(x.id) })),
        ['rowId', 'id', 'communityId', 'name'],
      ),
    );
    const changed = new Set([
      ...r.rows.map((x: { id: string }) => x.id),
      ...g.rows.map((x: { community_id: string }) => x.community_id),
    ]);
    await recordAudit(
      ctx,
      { action: 'upsert', entity: 'communities', after: { received: items.length, written: changed.size } },
      tx,
    );
    return changed.size;
  });
  return batchResult(items.length, written, problems);
}

export async function upsertPickupPoints(ctx: Ctx, items: unknown[]): Promise<BatchResult> {
  const { valid, problems } = checkItems(items, pickupPointInput, 'communities', (p, problem) => {
    if (p.leader?.phone !== undefined && normalizeMainlandPhone(p.leader.phone) === null)
      problem('leader.phone', 'not a valid mainland China mobile number', 'phone_invalid');
  });
  const known = new Set(
    (
      await ctx.database.pool.query<{ id: string }>('SELECT id FROM communities WHERE id = ANY($1::text[])', [
        valid.map((v) => communityIdOf(v.value.communityId)),
      ])
    ).rows.map((r) => r.id),
  );
  const list = valid.filter((v) => {
    if (known.has(communityIdOf(v.value.communityId))) return true;
    problems.push({
      index: v.index,
      field: 'communityId',
      reason: `unknown community ${v.value.communityId}`,
      code: 'communities.community_unknown',
    });
    return false;
  });
  const written = await withTransaction(ctx.database, async (tx) => {
    const leaders = list.flatMap(({ value: p }) =>
      p.leader ? [{ ...p.leader, communityId: communityIdOf(p.communityId) }] : [],
    );
    if (leaders.length) {
      const phones = leaders.map((l) => (l.phone ? normalizeMainlandPhone(l.phone) : null));
      await tx.query(
        `INSERT INTO leaders (id, external_id, name, phone_enc, phone_hash, community_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone_enc = excluded.phone_enc, phone_hash = excluded.phone_hash`,
        [
          leaders.map((l) => leaderIdOf(l.id)),
          leaders.map((l) => l.id),
          leaders.map((l) => l.name),
          phones.map((p) => (p ? encryptPii(ctx.pii, p) : null)),
          phones.map((p) => (p ? lookupHash(ctx.pii, p) : null)),
          leaders.map((l) => l.communityId),
        ],
      );
    }
    const pts = list.map((v) => v.value);
    const r = await tx.query(
      `INSERT INTO pickup_points (id, external_id, community_id, leader_id, name, address, lat, lng)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[])
       ON CONFLICT (id) DO UPDATE SET community_id = excluded.community_id, leader_id = excluded.leader_id, name = excluded.name,
         address = excluded.address, lat = excluded.lat, lng = excluded.lng
       WHERE (pickup_points.community_id, pickup_points.leader_id, pickup_points.name, pickup_points.address, pickup_points.lat, pickup_points.lng)
         IS DISTINCT FROM (excluded.community_id, excluded.leader_id, excluded.name, excluded.address, excluded.lat, excluded.lng)`,
      [
        pts.map((p) => pickupPointIdOf(p.id)),
        pts.map((p) => p.id),
        pts.map((p) => communityIdOf(p.communityId)),
        pts.map((p) => (p.leader ? leaderIdOf(p.leader.id) : null)),
        pts.map((p) => p.name),
        pts.map((p) => p.address),
        pts.map((p) => p.lat ?? null),
        pts.map((p) => p.lng ?? null),
      ],
    );
    await recordAudit(
      ctx,
      { action: 'upsert', entity: 'pickup_points', after: { received: items.length, written: r.rowCount } },
      tx,
    );
    return r.rowCount ?? 0;
  });
  return batchResult(items.length, written, problems);
}

/** Communities with their pickup points and leaders; a leader sees only their own. */
/** Communities with their pickup points, leaders and WeChat groups; a leader sees only their own. */
export type { CommunityView };

export async function listCommunities(ctx: Ctx): Promise<CommunityView[]> {
  return rows<CommunityView>(
    ctx.database.pool,
    `SELECT c.id, c.external_id AS "externalId", c.name, c.city, c.district,
            coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'address', p.address, 'lat', p.lat, 'lng', p.lng,
                       'leader', l.name) ORDER BY p.name)
                      FROM pickup_points p LEFT JOIN leaders l ON l.id = p.leader_id WHERE p.community_id = c.id), '[]') AS "pickupPoints",
            coalesce((SELECT json_agg(g.wechat_group_id) FROM wechat_groups g WHERE g.community_id = c.id), '[]') AS "wechatGroupIds"
     FROM communities c WHERE ($1::text[] IS NULL OR c.id = ANY($1)) ORDER BY c.city, c.district, c.name`,
    [communityScope(ctx)],
  );
}
