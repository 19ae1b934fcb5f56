import type { Queryable } from '../../platform/db/sql.ts';
import { columnsOf, rows } from '../../platform/db/sql.ts';

export interface MemberRow {
  id: string;
  externalId: string;
  phoneEnc: string | null;
  phoneHash: string | null;
  phoneMasked: string | null;
  nickname: string | null;
  gender: string | null;
  birthday: string | null;
  registeredAt: Date | null;
  communityId: string | null;
  pickupPointId: string | null;
  deviceType: string | null;
  referrerId: string | null;
}

/** Creates members that are referenced before their record arrived; existing members are untouched. */
export async function insertStubs(db: Queryable, ids: string[], externalIds: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `INSERT INTO members (id, external_id, is_stub)
     SELECT i, e, true FROM unnest($1::text[], $2::text[]) AS t(i, e) ORDER BY i
     ON CONFLICT DO NOTHING`,
    [ids, externalIds],
  );
}

/** phone hash → owning member id, for the hashes given */
export async function phoneOwners(db: Queryable, hashes: string[]): Promise<Map<string, string>> {
  if (hashes.length === 0) return new Map();
  const found = await rows<{ id: string; phone_hash: string }>(
    db,
    'SELECT id, phone_hash FROM members WHERE phone_hash = ANY($1::text[])',
    [hashes],
  );
  return new Map(found.map((r) => [r.phone_hash, r.id]));
}

const cols = [
  'id',
  'external_id',
  'phone_enc',
  'phone_hash',
  'phone_masked',
  'nickname',
  'gender',
  'birthday',
  'registered_at',
  'community_id',
  'pickup_point_id',
  'device_type',
  'referrer_id',
] as const;
const types = [
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'date',
  'timestamptz',
  'text',
  'text',
  'text',
  'text',
];
const compared = cols.filter((c) => c !== 'id' && c !== 'external_id' && c !== 'phone_enc');

/**
 * Upserts full member records. A row counts as written only when something changed, so a retried
 * batch reports duplicates. The phone ciphertext is compared through its hash (ciphertexts differ on
 * every encryption by design).
 */
export async function upsertMembers(db: Queryable, list: MemberRow[]): Promise<string[]> {
  if (list.length === 0) return [];
  const arrays = cols.map((c) => list.map((m) => m[camel(c)] ?? null));
  const written = await rows<{ id: string }>(
    db,
    `INSERT INTO members (${cols.join(', ')}, is_stub)
     SELECT ${cols.map((c) => `t.${c}`).join(', ')}, false
     FROM unnest(${cols.map((_, i) => `$${i + 1}::${types[i]}[]`).join(', ')}) AS t(${cols.join(', ')})
     ORDER BY t.id
     ON CONFLICT (id) DO UPDATE SET
       ${compared.map((c) => `${c} = excluded.${c}`).join(',\n       ')},
       phone_enc = CASE WHEN members.phone_hash IS NOT DISTINCT FROM excluded.phone_hash
                        THEN members.phone_enc ELSE excluded.phone_enc END,
       is_stub = false,
       updated_at = now()
     WHERE members.is_stub
        OR (${compared.map((c) => `members.${c}`).join(', ')}) IS DISTINCT FROM (${compared.map((c) => `excluded.${c}`).join(', ')})
     RETURNING id`,
    arrays,
  );
  return written.map((r) => r.id);
}

export interface ConsentRow {
  memberId: string;
  channel: string;
  granted: boolean;
  at: Date;
  source: string;
}

/** Keeps the latest consent per channel; an older statement never overwrites a newer one. */
export async function upsertConsents(db: Queryable, list: ConsentRow[]): Promise<number> {
  if (list.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO member_consents (member_id, channel, granted, at, source)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bool[], $4::timestamptz[], $5::text[])
     ON CONFLICT (member_id, channel) DO UPDATE SET granted = excluded.granted, at = excluded.at, source = excluded.source
     WHERE member_consents.at < excluded.at
        OR (member_consents.at = excluded.at AND member_consents.granted IS DISTINCT FROM excluded.granted)`,
    columnsOf(list, ['memberId', 'channel', 'granted', 'at', 'source']),
  );
  return result.rowCount ?? 0;
}

function camel(c: string): keyof MemberRow {
  return c.replace(/_([a-z])/g, (_, l: string) => l.toUpperCase()) as keyof MemberRow;
}

const viewCols = `id, external_id AS "externalId", phone_masked AS phone, nickname, gender, birthday::text AS birthday,
  registered_at AS "registeredAt", community_id AS "communityId", pickup_point_id AS "pickupPointId", device_type AS "deviceType",
  referrer_id AS "referrerId", is_stub AS "isStub", created_at AS "createdAt"`;
// created_at carries microseconds that a JS Date drops: the cursor keeps its exact text form
const cursorCol = `created_at::text AS "cursorAt"`;

export async function searchMembers<T>(
  db: Queryable,
  f: {
    phoneHash: string | null;
    text: string | null;
    communityId: string | null;
    gender: string | null;
    deviceType: string | null;
    stub: boolean | null;
    scope: string[] | null;
    after: [string, string] | null;
    limit: number;
  },
): Promise<Array<T & { id: string; cursorAt: string }>> {
  return rows(
    db,
    `SELECT ${viewCols}, ${cursorCol} FROM members
     WHERE ($1::text IS NULL OR phone_hash = $1)
       AND ($2::text IS NULL OR id = $2 OR external_id = $2 OR nickname ILIKE '%' || $2 || '%')
       AND ($3::text IS NULL OR community_id = $3)
       AND ($4::text[] IS NULL OR community_id = ANY($4))
       AND ($5::timestamptz IS NULL OR (created_at, id) < ($5, $6))
       AND ($8::text IS NULL OR gender = $8) AND ($9::text IS NULL OR device_type = $9)
       AND ($10::boolean IS NULL OR is_stub = $10)
     ORDER BY created_at DESC, id DESC LIMIT $7`,
    [
      f.phoneHash,
      f.text,
      f.communityId,
      f.scope,
      f.after?.[0] ?? null,
      f.after?.[1] ?? null,
      f.limit,
      f.gender,
      f.deviceType,
      f.stub,
    ],
  );
}

export async function memberById<T>(
  db: Queryable,
  id: string,
  scope: string[] | null,
): Promise<T | undefined> {
  const [m] = await rows<T>(
    db,
    `SELECT ${viewCols} FROM members WHERE id = $1 AND ($2::text[] IS NULL OR community_id = ANY($2))`,
    [id, scope],
  );
  return m;
}

export async function consentsOf(db: Queryable, memberId: string): Promise<ConsentRow[]> {
  return rows(
    db,
    'SELECT member_id AS "memberId", channel, granted, at, source FROM member_consents WHERE member_id = $1 ORDER BY channel',
    [memberId],
  );
}
