/**
 * Rule packs as versioned data and the live rule book built from them. The shipped packs of
 * `@linli/compliance` are stored as version 1 on first use; an edit (or an allow-list entry) saves a
 * new version, after the whole set has been checked: a pack with a broken pattern is refused with
 * the reasons and the live book does not change. Each process keeps one book per database and
 * rebuilds it when the table's highest revision moves — at once in the process that saved, within
 * a second elsewhere — so a change is live everywhere without a restart.
 */
import { defaultPacks, RuleBook, type PackProblem, type RulePack, type ScanResult } from '@linli/compliance';
import type { PackSummary } from '@linli/contracts/compliance';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Database } from '../../platform/db/index.ts';
import { rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';

export interface LiveBook {
  revision: number;
  book: RuleBook;
}

interface State {
  live: LiveBook | null;
  checkedAt: number;
  pending: Promise<LiveBook> | null;
}

/** One state per database: tests (and the benchmark) run several apps in one process. */
const states = new WeakMap<Database, State>();

/** How long a process trusts its book before looking at the revision again (its own saves: at once). */
const RECHECK_MS = 1000;

function stateOf(database: Database): State {
  let s = states.get(database);
  if (!s) states.set(database, (s = { live: null, checkedAt: 0, pending: null }));
  return s;
}

async function maxRevision(db: Queryable): Promise<number> {
  const [r] = await rows<{ rev: number }>(
    db,
    'SELECT coalesce(max(revision), 0)::bigint AS rev FROM compliance_pack_versions',
  );
  return r!.rev;
}

/** Writers take turns, so revisions rise in commit order and a reader never skips a save. */
async function nextRevision(tx: Queryable): Promise<number> {
  await tx.query('LOCK TABLE compliance_pack_versions IN SHARE ROW EXCLUSIVE MODE');
  return (await maxRevision(tx)) + 1;
}

/**
 * Stores the shipped packs the table lacks (first start), and a newer shipped version of a pack
 * nobody has edited (a release that improved it). A pack an operator edited keeps their version.
 */
export async function syncShippedPacks(database: Database): Promise<number> {
  const shipped = defaultPacks();
  const latest = await rows<{ packId: string; builtin: boolean; shipped: string | null }>(
    database.pool,
    `SELECT DISTINCT ON (pack_id) pack_id AS "packId", builtin, shipped
     FROM compliance_pack_versions ORDER BY pack_id, version DESC`,
  );
  const have = new Map(latest.map((r) => [r.packId, r]));
  const due = shipped.filter((p) => {
    const h = have.get(p.id);
    return !h || (h.builtin && h.shipped !== p.version);
  });
  if (due.length === 0) return 0;
  return withTransaction(database, async (tx) => {
    let revision = await nextRevision(tx);
    let added = 0;
    for (const p of due) {
      const [cur] = await rows<{ version: number; builtin: boolean; shipped: string | null }>(
        tx,
        `SELECT version, builtin, shipped FROM compliance_pack_versions WHERE pack_id = $1 ORDER BY version DESC LIMIT 1`,
        [p.id],
      );
      // another process may have done it while this one waited for the lock
      if (cur && (!cur.builtin || cur.shipped === p.version)) continue;
      const version = (cur?.version ?? 0) + 1;
      await tx.query(
        `INSERT INTO compliance_pack_versions (revision, pack_id, version, pack, builtin, shipped, note, created_by)
         VALUES ($1, $2, $3, $4::jsonb, true, $5, $6, 'system')`,
        [revision++, p.id, version, JSON.stringify({ ...p, version: String(version) }), p.version, ''],
      );
      added++;
    }
    return added;
  });
}

async function build(database: Database): Promise<LiveBook> {
  let revision = await maxRevision(database.pool);
  if (revision === 0) {
    await syncShippedPacks(database);
    revision = await maxRevision(database.pool);
  }
  const packs = await rows<{ pack: RulePack; revision: number }>(
    database.pool,
    `SELECT DISTINCT ON (pack_id) pack, revision FROM compliance_pack_versions
     WHERE revision <= $1 ORDER BY pack_id, version DESC`,
    [revision],
  );
  return { revision, book: new RuleBook(packs.map((p) => p.pack)) };
}

/**
 * The live book. `fresh` looks at the revision now (stage-1 screening does, so a submission is
 * screened with every saved pack); otherwise at most once a second (highlighting as one types).
 */
export async function liveBook(database: Database, opts: { fresh?: boolean } = {}): Promise<LiveBook> {
  const s = stateOf(database);
  const now = Date.now();
  if (s.live && !opts.fresh && now - s.checkedAt < RECHECK_MS) return s.live;
  if (s.pending) return s.pending;
  s.pending = (async () => {
    try {
      const rev = s.live ? await maxRevision(database.pool) : -1;
      if (s.live && rev === s.live.revision) return s.live;
      const next = await build(database);
      s.live = next;
      return next;
    } finally {
      s.checkedAt = Date.now();
      s.pending = null;
    }
  })();
  return s.pending;
}

export interface TimedScan extends ScanResult {
  packs: string;
  revision: number;
  ms: number;
}

/** Stage 1 of one text with the live packs, timed. */
export async function screenText(
  database: Database,
  text: string,
  opts: { fresh?: boolean } = {},
): Promise<TimedScan> {
  const { book, revision } = await liveBook(database, opts);
  const t0 = performance.now();
  const r = book.scan(text);
  return { ...r, packs: book.version, revision, ms: performance.now() - t0 };
}

const packError = (problems: PackProblem[]) =>
  new AppError(
    'invalid',
    'compliance.pack_invalid',
    `The pack was not saved (the live one stays): ${problems
      .slice(0, 5)
      .map((p) => `${p.rule ? `${p.rule} ` : ''}${p.path}: ${p.message}`)
      .join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    problems,
  );

/**
 * Saves `input` as the next version of pack `id`, after checking it with every other live pack
 * (rule ids are unique over all packs). Runs inside `tx` with `extra` writes of the same change.
 */
export async function saveVersion(
  ctx: Ctx,
  id: string,
  input: unknown,
  note: string,
  extra?: (tx: Queryable, version: number) => Promise<void>,
): Promise<{ version: number; pack: RulePack }> {
  const { book } = await liveBook(ctx.database, { fresh: true });
  const candidate = {
    ...(typeof input === 'object' && input !== null ? input : {}),
    id,
    version: 'next',
  } as RulePack;
  const problems = book.check(candidate);
  if (problems.length > 0) throw packError(problems);
  const saved = await withTransaction(ctx.database, async (tx) => {
    const revision = await nextRevision(tx);
    const [cur] = await rows<{ version: number; pack: RulePack }>(
      tx,
      'SELECT version, pack FROM compliance_pack_versions WHERE pack_id = $1 ORDER BY version DESC LIMIT 1',
      [id],
    );
    const version = (cur?.version ?? 0) + 1;
    const pack = { ...candidate, version: String(version) };
    await tx.query(
      `INSERT INTO compliance_pack_versions (revision, pack_id, version, pack, note, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
      [revision, id, version, JSON.stringify(pack), note, ctx.actor.id],
    );
    await extra?.(tx, version);
    await recordAudit(
      ctx,
      {
        action: cur ? 'update' : 'create',
        entity: 'compliance_pack',
        entityId: `${id}@${version}`,
        before: cur ? { version: cur.version, rules: cur.pack.rules.length } : null,
        after: { version, rules: pack.rules.length, note },
      },
      tx,
    );
    return { version, pack };
  });
  // this process sees its own change at once; the others at their next look at the revision
  await liveBook(ctx.database, { fresh: true });
  return saved;
}

export function savePack(
  ctx: Ctx,
  id: string,
  input: unknown,
  note = '',
): Promise<{ version: number; pack: RulePack }> {
  return saveVersion(ctx, id, input, note);
}

/** Scans `text` with `pack` in place of its live version, without saving (the editor's test box). */
export async function trialPack(
  ctx: Ctx,
  pack: unknown,
  text: string,
): Promise<{ ok: true; result: ScanResult } | { ok: false; problems: PackProblem[] }> {
  const { book } = await liveBook(ctx.database);
  return book.trial({ ...(pack as object), version: 'trial' }, text);
}

const byUser = `coalesce((SELECT u.username FROM users u WHERE u.id = v.created_by), v.created_by)`;

export async function listPacks(ctx: Ctx): Promise<PackSummary<Date>[]> {
  await liveBook(ctx.database);
  return rows<PackSummary<Date>>(
    ctx.database.pool,
    `SELECT DISTINCT ON (v.pack_id) v.pack_id AS id, v.pack->>'category' AS category,
       coalesce(v.pack->>'title', v.pack_id) AS title, v.pack->>'law' AS law, v.version,
       jsonb_array_length(v.pack->'rules')::int AS rules, v.builtin,
       ${byUser} AS "updatedBy", v.created_at AS "updatedAt"
     FROM compliance_pack_versions v ORDER BY v.pack_id, v.version DESC`,
  );
}

export interface PackVersionView {
  version: number;
  pack: RulePack;
  builtin: boolean;
  note: string;
  createdBy: string;
  createdAt: Date;
}

/** A pack's live version (or `version`) and the list of its versions. */
export async function getPack(
  ctx: Ctx,
  id: string,
  version?: number,
): Promise<PackVersionView & { versions: Array<Omit<PackVersionView, 'pack'>> }> {
  await liveBook(ctx.database);
  const versions = await rows<PackVersionView>(
    ctx.database.pool,
    `SELECT v.version, v.pack, v.builtin, v.note, ${byUser} AS "createdBy", v.created_at AS "createdAt"
     FROM compliance_pack_versions v WHERE v.pack_id = $1 ORDER BY v.version DESC`,
    [id],
  );
  const chosen = version === undefined ? versions[0] : versions.find((v) => v.version === version);
  if (!chosen)
    throw new AppError(
      'not_found',
      'compliance.pack_not_found',
      `No rule pack ${id}${version ? ` version ${version}` : ''}`,
    );
  return { ...chosen, versions: versions.map(({ pack: _pack, ...v }) => v) };
}
