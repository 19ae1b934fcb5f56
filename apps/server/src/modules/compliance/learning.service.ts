/**
 * Learning from reviewers: per-rule precision from their verdicts on stage-1 hits, per-category
 * recall from the violations they marked as missed, the phrases they overrule most, and the
 * one-click allow-list entry that turns such a phrase into an exception of its rule (a new version
 * of the rule's pack, live at once).
 */
import { escapeTerm, type RulePack } from '@linli/compliance';
import { foldTerm } from '@linli/text';
import {
  allowInput,
  COMPLIANCE_CATEGORIES,
  type CategoryRecall,
  type ComplianceCategory,
  type RuleStat,
} from '@linli/contracts/compliance';
import type { Ctx } from '../../platform/context.ts';
import { rows, type Queryable } from '../../platform/db/sql.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { derivedId } from '../../platform/ids.ts';
import { liveBook, saveVersion } from './packs.service.ts';

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Hits per rule over screenings in [from, to), with the verdicts given on them. */
export async function ruleStats(
  db: Queryable,
  range: { from: Date; to: Date },
  minOverruled = 2,
): Promise<RuleStat[]> {
  const hits = await rows<{ ruleId: string; category: ComplianceCategory; hits: number }>(
    db,
    `SELECT h->>'ruleId' AS "ruleId", h->>'category' AS category, count(*)::int AS hits
     FROM compliance_screenings s, jsonb_array_elements(s.hits) h
     WHERE s.screened_at >= $1 AND s.screened_at < $2 GROUP BY 1, 2`,
    [range.from, range.to],
  );
  const verdicts = await rows<{
    ruleId: string;
    category: ComplianceCategory;
    verdict: string;
    term: string;
    n: number;
  }>(
    db,
    `SELECT rule_id AS "ruleId", category, verdict, term, count(*)::int AS n
     FROM compliance_hit_verdicts WHERE at >= $1 AND at < $2 GROUP BY 1, 2, 3, 4`,
    [range.from, range.to],
  );
  const by = new Map<string, RuleStat>();
  const stat = (ruleId: string, category: ComplianceCategory) => {
    let s = by.get(ruleId);
    if (!s)
      by.set(
        ruleId,
        (s = { ruleId, category, hits: 0, confirmed: 0, overruled: 0, precision: null, falsePositives: [] }),
      );
    return s;
  };
  for (const h of hits) stat(h.ruleId, h.category).hits += h.hits;
  for (const v of verdicts) {
    const s = stat(v.ruleId, v.category);
    if (v.verdict === 'confirmed') s.confirmed += v.n;
    else {
      s.overruled += v.n;
      if (v.n >= minOverruled) s.falsePositives.push({ term: v.term, count: v.n });
    }
  }
  for (const s of by.values()) {
    s.precision = ratio(s.confirmed, s.confirmed + s.overruled);
    s.falsePositives.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
    s.falsePositives = s.falsePositives.slice(0, 5);
  }
  return [...by.values()].sort((a, b) => b.hits - a.hits || a.ruleId.localeCompare(b.ruleId));
}

/** Per category: confirmed hits against violations reviewers found by hand that stage 1 missed. */
export async function categoryRecall(
  db: Queryable,
  range: { from: Date; to: Date },
): Promise<CategoryRecall[]> {
  const counts = await rows<{ category: ComplianceCategory; confirmed: number; missed: number }>(
    db,
    `SELECT category, sum(confirmed)::int AS confirmed, sum(missed)::int AS missed FROM (
       SELECT category, count(*) AS confirmed, 0 AS missed FROM compliance_hit_verdicts
       WHERE verdict = 'confirmed' AND at >= $1 AND at < $2 GROUP BY 1
       UNION ALL
       SELECT category, 0, count(*) FROM compliance_missed WHERE at >= $1 AND at < $2 GROUP BY 1
     ) x GROUP BY 1`,
    [range.from, range.to],
  );
  const of = new Map(counts.map((c) => [c.category, c]));
  return COMPLIANCE_CATEGORIES.map((category) => {
    const c = of.get(category) ?? { confirmed: 0, missed: 0 };
    return {
      category,
      confirmed: c.confirmed,
      missed: c.missed,
      recall: ratio(c.confirmed, c.confirmed + c.missed),
    };
  });
}

/**
 * Adds `phrase` to the exceptions of rule `ruleId` (its `context.allow`), saving a new version of
 * the rule's pack. The same phrase again changes nothing.
 */
export async function addAllowEntry(
  ctx: Ctx,
  input: unknown,
): Promise<{ created: boolean; packId: string; version: number }> {
  const a = parseInput(allowInput, input, 'compliance.invalid', 'allow-list entry');
  if (foldTerm(a.phrase) === '')
    throw new AppError(
      'invalid',
      'compliance.allow_empty',
      `"${a.phrase}" has no letters or digits to match`,
    );
  const { book } = await liveBook(ctx.database, { fresh: true });
  const pack = book.packs().find((p) => p.rules.some((r) => r.id === a.ruleId));
  if (!pack) throw new AppError('not_found', 'compliance.rule_not_found', `No live rule ${a.ruleId}`);
  const pattern = escapeTerm(a.phrase);
  const rule = pack.rules.find((r) => r.id === a.ruleId)!;
  const [cur] = await rows<{ version: number }>(
    ctx.database.pool,
    'SELECT max(version)::int AS version FROM compliance_pack_versions WHERE pack_id = $1',
    [pack.id],
  );
  if (rule.context?.allow?.includes(pattern))
    return { created: false, packId: pack.id, version: cur!.version };
  rule.context = { ...rule.context, allow: [...(rule.context?.allow ?? []), pattern] };
  const { version } = await saveVersion(
    ctx,
    pack.id,
    pack satisfies RulePack,
    `allow "${a.phrase}" for ${a.ruleId}`,
    async (tx, v) => {
      await tx.query(
        `INSERT INTO compliance_allow_entries (id, rule_id, pack_id, phrase, pack_version, item_id, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [
          derivedId('cma', a.ruleId, foldTerm(a.phrase)),
          a.ruleId,
          pack.id,
          a.phrase,
          v,
          a.itemId ?? null,
          a.note,
          ctx.actor.id,
        ],
      );
    },
  );
  return { created: true, packId: pack.id, version };
}

export function allowEntries(
  db: Queryable,
  ruleId?: string,
): Promise<
  Array<{
    id: string;
    ruleId: string;
    packId: string;
    phrase: string;
    packVersion: number;
    createdBy: string;
    createdAt: Date;
  }>
> {
  return rows(
    db,
    `SELECT a.id, a.rule_id AS "ruleId", a.pack_id AS "packId", a.phrase, a.pack_version AS "packVersion",
       coalesce((SELECT u.username FROM users u WHERE u.id = a.created_by), a.created_by) AS "createdBy",
       a.created_at AS "createdAt"
     FROM compliance_allow_entries a WHERE $1::text IS NULL OR a.rule_id = $1 ORDER BY a.created_at DESC LIMIT 500`,
    [ruleId ?? null],
  );
}
