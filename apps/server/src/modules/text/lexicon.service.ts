/**
 * The risk lexicon operators edit in the console, and the matcher built from it. Every process keeps
 * one matcher and rebuilds it when the table's highest revision moves (one indexed lookup per
 * scoring round), so an edit takes effect everywhere within seconds, without a restart.
 */
import {
  buildMatcher,
  defaultRiskLexicon,
  foldTerm,
  SEVERITIES,
  type KeywordMatcher,
  type Severity,
} from '@linli/text';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Database } from '../../platform/db/index.ts';
import { rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { derivedId } from '../../platform/ids.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';

export interface RiskTerm {
  id: string;
  term: string;
  severity: Severity;
  category: string;
  enabled: boolean;
  builtin: boolean;
  revision: number;
  updatedBy: string | null;
  updatedAt: Date;
}

const COLUMNS = `id, term, severity, category, enabled, builtin, revision, updated_by AS "updatedBy", updated_at AS "updatedAt"`;

/** Writers take turns (a table lock), so revisions rise in commit order and no edit is missed. */
async function nextRevision(tx: Queryable): Promise<number> {
  await tx.query('LOCK TABLE risk_terms IN SHARE ROW EXCLUSIVE MODE');
  const [r] = await rows<{ n: number }>(
    tx,
    'SELECT coalesce(max(revision), 0)::int + 1 AS n FROM risk_terms',
  );
  return r!.n;
}

/**
 * Copies shipped terms the table does not have yet (first start, or a release adding terms). A term
 * an operator changed or disabled keeps the operator's version.
 */
export async function syncBuiltinTerms(database: Database): Promise<number> {
  const entries = [
    ...new Map(
      defaultRiskLexicon()
        .map((e) => ({ ...e, folded: foldTerm(e.term) }))
        .filter((e) => e.folded.length > 0)
        .map((e) => [e.folded, e]),
    ).values(),
  ];
  const [have] = await rows<{ n: number }>(
    database.pool,
    'SELECT count(*)::int AS n FROM risk_terms WHERE folded = ANY($1::text[])',
    [entries.map((e) => e.folded)],
  );
  if (have!.n >= entries.length) return 0;
  return withTransaction(database, async (tx) => {
    const revision = await nextRevision(tx);
    const r = await tx.query(
      `INSERT INTO risk_terms (id, term, folded, severity, category, builtin, revision)
       SELECT i, t, f, s, c, true, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(i, t, f, s, c)
       ON CONFLICT (folded) DO NOTHING`,
      [
        entries.map((e) => derivedId('rsk', e.folded)),
        entries.map((e) => e.term),
        entries.map((e) => e.folded),
        entries.map((e) => e.severity),
        entries.map((e) => e.category ?? ''),
        revision,
      ],
    );
    return r.rowCount ?? 0;
  });
}

let cached: { revision: number; matcher: KeywordMatcher } | null = null;

/** The matcher over the enabled terms as of now; seeds the shipped terms into an empty table. */
export async function currentRiskMatcher(database: Database): Promise<KeywordMatcher> {
  const db = database.pool;
  let [r] = await rows<{ rev: number }>(db, 'SELECT coalesce(max(revision), 0)::int AS rev FROM risk_terms');
  if (r!.rev === 0) {
    await syncBuiltinTerms(database);
    [r] = await rows<{ rev: number }>(db, 'SELECT coalesce(max(revision), 0)::int AS rev FROM risk_terms');
  }
  if (cached?.revision === r!.rev) return cached.matcher;
  const terms = await rows<{ term: string; severity: Severity; category: string }>(
    db,
    'SELECT term, severity, category FROM risk_terms WHERE enabled ORDER BY folded',
  );
  cached = { revision: r!.rev, matcher: buildMatcher(terms) };
  return cached.matcher;
}

function invalid(code: string, message: string, details?: Record<string, unknown>): AppError {
  return new AppError('invalid', code, message, details);
}

export interface RiskTermInput {
  term: string;
  severity: Severity;
  category?: string | undefined;
}

function checkInput(input: RiskTermInput): {
  term: string;
  folded: string;
  severity: Severity;
  category: string;
} {
  const term = input.term.trim();
  const folded = foldTerm(term);
  if (folded.length === 0)
    throw invalid(
      'text.term_empty',
      `"${input.term}" has no letters or digits to match (spaces and symbols are ignored)`,
      { field: 'term' },
    );
  if (folded.length > 64)
    throw invalid('text.term_too_long', 'A term is at most 64 characters', { field: 'term' });
  if (!SEVERITIES.includes(input.severity))
    throw invalid('text.severity_unknown', `severity must be one of ${SEVERITIES.join(', ')}`, {
      field: 'severity',
    });
  return { term, folded, severity: input.severity, category: (input.category ?? '').trim() };
}

/**
 * Adds a term, or answers the existing one: the same term (after folding) is one row, so a retried
 * request changes nothing; a different severity or category updates it and re-enables it.
 */
export async function upsertRiskTerm(
  ctx: Ctx,
  input: RiskTermInput,
): Promise<{ term: RiskTerm; created: boolean }> {
  const t = checkInput(input);
  return withTransaction(ctx.database, async (tx) => {
    const [before] = await rows<RiskTerm>(tx, `SELECT ${COLUMNS} FROM risk_terms WHERE folded = $1`, [
      t.folded,
    ]);
    if (
      before &&
      before.enabled &&
      before.severity === t.severity &&
      (input.category === undefined || before.category === t.category)
    )
      return { term: before, created: false };
    const revision = await nextRevision(tx);
    const [after] = await rows<RiskTerm>(
      tx,
      `INSERT INTO risk_terms (id, term, folded, severity, category, revision, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (folded) DO UPDATE SET severity = excluded.severity, enabled = true, revision = excluded.revision,
         category = CASE WHEN $8 THEN excluded.category ELSE risk_terms.category END,
         updated_by = excluded.updated_by, updated_at = now()
       RETURNING ${COLUMNS}`,
      [
        derivedId('rsk', t.folded),
        t.term,
        t.folded,
        t.severity,
        t.category,
        revision,
        ctx.actor.id,
        input.category !== undefined,
      ],
    );
    await recordAudit(
      ctx,
      {
        action: before ? 'update' : 'create',
        entity: 'risk_terms',
        entityId: after!.id,
        before: before ?? null,
        after,
      },
      tx,
    );
    return { term: after!, created: !before };
  });
}

/** Changes severity, category or enabled (disable is the undo-safe delete; enable restores). */
export async function updateRiskTerm(
  ctx: Ctx,
  id: string,
  patch: { severity?: Severity | undefined; category?: string | undefined; enabled?: boolean | undefined },
): Promise<RiskTerm> {
  if (patch.severity !== undefined && !SEVERITIES.includes(patch.severity))
    throw invalid('text.severity_unknown', `severity must be one of ${SEVERITIES.join(', ')}`, {
      field: 'severity',
    });
  return withTransaction(ctx.database, async (tx) => {
    const [before] = await rows<RiskTerm>(tx, `SELECT ${COLUMNS} FROM risk_terms WHERE id = $1`, [id]);
    if (!before) throw new AppError('not_found', 'text.term_not_found', `No risk term ${id}`);
    const next = {
      severity: patch.severity ?? before.severity,
      category: patch.category?.trim() ?? before.category,
      enabled: patch.enabled ?? before.enabled,
    };
    if (
      next.severity === before.severity &&
      next.category === before.category &&
      next.enabled === before.enabled
    )
      return before;
    const revision = await nextRevision(tx);
    const [after] = await rows<RiskTerm>(
      tx,
      `UPDATE risk_terms SET severity = $2, category = $3, enabled = $4, revision = $5, updated_by = $6, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, next.severity, next.category, next.enabled, revision, ctx.actor.id],
    );
    await recordAudit(
      ctx,
      { action: next.enabled ? 'update' : 'disable', entity: 'risk_terms', entityId: id, before, after },
      tx,
    );
    return after!;
  });
}

export async function listRiskTerms(
  ctx: Ctx,
  q: {
    q?: string | undefined;
    severity?: Severity | undefined;
    enabled?: boolean | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<RiskTerm> & { total: number }> {
  await currentRiskMatcher(ctx.database); // seeds the shipped terms on first use
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const folded = q.q ? foldTerm(q.q) : null;
  const where = `($1::text IS NULL OR folded LIKE '%' || $1 || '%' OR category = $1)
    AND ($2::text IS NULL OR severity = $2) AND ($3::boolean IS NULL OR enabled = $3)`;
  const params = [folded || null, q.severity ?? null, q.enabled ?? null];
  const [found, [count]] = await Promise.all([
    rows<RiskTerm & { folded: string }>(
      ctx.database.pool,
      `SELECT ${COLUMNS}, folded FROM risk_terms WHERE ${where}
         AND ($4::text IS NULL OR (folded, id) > ($4, $5)) ORDER BY folded, id LIMIT $6`,
      [...params, after?.[0] ?? null, after?.[1] ?? null, q.limit + 1],
    ),
    rows<{ n: number }>(
      ctx.database.pool,
      `SELECT count(*)::int AS n FROM risk_terms WHERE ${where}`,
      params,
    ),
  ]);
  const page = toPage(found, q.limit, (r) => [r.folded, r.id]);
  return { items: page.items.map(({ folded: _f, ...t }) => t), nextCursor: page.nextCursor, total: count!.n };
}
