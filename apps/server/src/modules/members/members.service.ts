import { memberInput, type BatchResult, type MemberInput } from '@linli/contracts';
import { recordAudit } from '../../platform/audit.ts';
import { batchResult, checkItems, instantOf, isValidDate, parseInstant } from '../../platform/batch.ts';
import { communityScope, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { knownIds } from '../../platform/db/known-ids.ts';
import { markChangedDays } from '../../platform/db/changed-days.ts';
import { markChangedMembers } from '../../platform/db/changed-members.ts';
import { withTransaction } from '../../platform/db/sql.ts';
import { derivedId } from '../../platform/ids.ts';
import { encryptPii, lookupHash, maskPhone, normalizeMainlandPhone } from '../../platform/pii.ts';
import * as repo from './members.repo.ts';
import type { MemberView as SharedMemberView } from '@linli/contracts/console';

export const memberIdOf = (externalId: string): string => derivedId('mbr', externalId);

const storedMembers = knownIds();

/** Makes sure every referenced member exists, creating stubs for unknown ones (never dropping data). */
export async function ensureMembers(ctx: Ctx, externalIds: string[]): Promise<void> {
  const missing = storedMembers.unknown(ctx.database, [...new Set(externalIds)], memberIdOf);
  if (missing.length === 0) return;
  const ids = missing.map(memberIdOf);
  await repo.insertStubs(ctx.database.pool, ids, missing);
  storedMembers.remember(ctx.database, ids);
  // a stub joins today as far as the member counts go
  await markChangedDays(ctx.database.pool, [new Date()]);
}

interface Prepared {
  index: number;
  row: repo.MemberRow;
  consents: repo.ConsentRow[];
  referrerExternal: string | null;
}

export async function ingestMembers(ctx: Ctx, items: unknown[]): Promise<BatchResult> {
  const tolerance = ctx.config.LINLI_FUTURE_TOLERANCE_MINUTES * 60_000;
  const prepared: Prepared[] = [];
  const { valid, problems } = checkItems(items, memberInput.strict(), 'members', (m, problem) => {
    if (m.phone !== undefined && normalizeMainlandPhone(m.phone) === null)
      problem(
        'phone',
        'not a valid mainland China mobile number (11 digits starting 13–19)',
        'phone_invalid',
      );
    if (m.birthday !== undefined && !isValidDate(m.birthday))
      problem('birthday', 'not a date YYYY-MM-DD', 'birthday_invalid');
    if (m.registeredAt !== undefined) parseInstant(m.registeredAt, 'registeredAt', tolerance, problem);
    m.consents?.forEach((c, i) => {
      if (c.at !== undefined) parseInstant(c.at, `consents.${i}.at`, tolerance, problem);
    });
  });
  for (const { index, value } of valid) prepared.push(prepare(ctx, index, value));

  // A phone number belongs to one member: refuse items that would take another member's number.
  const owners = await repo.phoneOwners(
    ctx.database.pool,
    prepared.flatMap((p) => (p.row.phoneHash ? [p.row.phoneHash] : [])),
  );
  const claimed = new Map<string, number>();
  const accepted = prepared.filter((p) => {
    const hash = p.row.phoneHash;
    if (!hash) return true;
    const owner = owners.get(hash);
    const earlier = claimed.get(hash);
    if ((owner && owner !== p.row.id) || earlier !== undefined) {
      problems.push({
        index: p.index,
        field: 'phone',
        reason:
          earlier !== undefined
            ? `same phone as item ${earlier} in this batch`
            : 'phone number already belongs to another member',
        code: 'members.phone_taken',
      });
      return false;
    }
    claimed.set(hash, p.index);
    return true;
  });

  // Stubs and partitions are created first, each in its own short statement: held inside the
  // batch transaction, their locks would make concurrent batches wait on (or deadlock over) one another.
  await ensureMembers(
    ctx,
    accepted.flatMap((p) => (p.referrerExternal ? [p.referrerExternal] : [])),
  );
  const written = await withTransaction(ctx.database, async (tx) => {
    const ids = await repo.upsertMembers(
      tx,
      accepted.map((p) => p.row),
    );
    await repo.upsertConsents(
      tx,
      accepted.flatMap((p) => p.consents),
    );
    await recordAudit(
      ctx,
      {
        action: 'ingest',
        entity: 'members',
        after: { received: items.length, written: ids.length, rejected: problems.length },
      },
      tx,
    );
    return ids.length;
  });
  // a member without a registration time joined, as far as Linli knows, now
  if (written > 0) {
    await markChangedDays(ctx.database.pool, [new Date(), ...accepted.map((p) => p.row.registeredAt)]);
    await markChangedMembers(
      ctx.database.pool,
      accepted.map((p) => p.row.id),
    );
  }
  return batchResult(items.length, written, problems);
}

function prepare(ctx: Ctx, index: number, m: MemberInput): Prepared {
  const phone = m.phone === undefined ? null : normalizeMainlandPhone(m.phone);
  const id = memberIdOf(m.id);
  const row: repo.MemberRow = {
    id,
    externalId: m.id,
    phoneEnc: phone ? encryptPii(ctx.pii, phone) : null,
    phoneHash: phone ? lookupHash(ctx.pii, phone) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
    nickname: m.nickname ?? null,
    gender: m.gender ?? null,
    birthday: m.birthday ?? null,
    registeredAt: m.registeredAt ? instantOf(m.registeredAt) : null,
    communityId: m.communityId ? derivedId('com', m.communityId) : null,
    pickupPointId: m.pickupPointId ? derivedId('pkp', m.pickupPointId) : null,
    deviceType: m.deviceType ?? null,
    referrerId: m.referrerId ? memberIdOf(m.referrerId) : null,
  };
  const consents = (m.consents ?? []).map((c) => ({
    memberId: id,
    channel: c.channel,
    granted: c.granted,
    at: (c.at ? instantOf(c.at) : null) ?? new Date(),
    source: c.source ?? 'ingest',
  }));
  return { index, row, consents, referrerExternal: m.referrerId ?? null };
}

export type MemberView = SharedMemberView<Date>;

/** Lists members, newest first. A full phone number is matched through its keyed hash; only masked phones leave. */
export interface MemberFilter {
  q?: string | undefined;
  communityId?: string | undefined;
  gender?: string | undefined;
  deviceType?: string | undefined;
  /** true: only stubs (members known from orders or events alone); false: only full profiles */
  stub?: boolean | undefined;
}

export async function listMembers(
  ctx: Ctx,
  q: MemberFilter & { limit: number; cursor?: string | undefined },
): Promise<Page<MemberView>> {
  const phone = q.q ? normalizeMainlandPhone(q.q) : null;
  const after = decodeCursor(q.cursor, 2);
  const found = await repo.searchMembers<MemberView>(ctx.database.pool, {
    phoneHash: phone ? lookupHash(ctx.pii, phone) : null,
    text: phone ? null : (q.q?.trim() ?? null),
    communityId: q.communityId ?? null,
    gender: q.gender ?? null,
    deviceType: q.deviceType ?? null,
    stub: q.stub ?? null,
    scope: communityScope(ctx),
    after: after as [string, string] | null,
    limit: q.limit + 1,
  });
  const page = toPage(found, q.limit, (m) => [m.cursorAt, m.id]);
  return { ...page, items: page.items.map(({ cursorAt: _c, ...m }) => m) };
}

export async function getMember(ctx: Ctx, id: string): Promise<MemberView & { consents: repo.ConsentRow[] }> {
  const m = await repo.memberById<MemberView>(ctx.database.pool, id, communityScope(ctx));
  if (!m) throw new AppError('not_found', 'members.not_found', `No member ${id}`);
  return { ...m, consents: await repo.consentsOf(ctx.database.pool, id) };
}

/** Throws `members.not_found` unless the member exists and the actor may see them (a leader: own communities). */
export async function assertMemberVisible(ctx: Ctx, id: string): Promise<void> {
  const m = await repo.memberById<MemberView>(ctx.database.pool, id, communityScope(ctx));
  if (!m) throw new AppError('not_found', 'members.not_found', `No member ${id}`);
}
