/** Reading and writing the experiments, layers and settings rows. */
import type { ExperimentSettings, ExperimentStatus, ExperimentView } from '@linli/contracts/experiments';
import { execute, fetchRows, sql } from '../../platform/db/fragments.ts';
import type { Queryable } from '../../platform/db/sql.ts';
import { type Definition, contentOf } from './definition.ts';

export interface ExperimentRow extends Definition {
  id: string;
  status: ExperimentStatus;
  archivedFrom: ExperimentStatus | null;
  salt: string;
  layerFrom: number | null;
  layerTo: number | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  stopReason: string | null;
  shippedArm: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  statsAt: Date | null;
  statsMeta: StatsMeta;
  units: number;
}

/** What a stats refresh learnt besides the sums: for lists and the archive's hit rate. */
export interface StatsMeta {
  dwellCap?: number | null;
  units?: number;
  /** primary metric: the best arm against the control */
  headline?: { arm: string; relativeLift: number | null; pValueHolm: number | null } | null;
  winner?: string | null;
  /** conversion per arm (variants), or the additive model of it (factorial) */
  conversion?: {
    byArm?: Record<string, number | null>;
    model?: { intercept: number; effects: Record<string, Record<string, number>> } | null;
  };
}

const cols = sql`e.id, e.key, e.name, e.hypothesis, e.owner, e.segment_key AS "segmentKey", e.traffic,
  CASE WHEN e.layer_key IS NULL THEN NULL ELSE jsonb_build_object('key', e.layer_key, 'share', e.layer_share) END AS layer,
  e.layer_from AS "layerFrom", e.layer_to AS "layerTo", e.design, e.variants, e.factors, e.content_id AS "contentId",
  e.metrics, e.plan, e.planned_days AS "plannedDays", e.status, e.archived_from AS "archivedFrom", e.salt,
  e.started_at AS "startedAt", e.stopped_at AS "stoppedAt", e.stop_reason AS "stopReason", e.shipped_arm AS "shippedArm",
  e.learned, coalesce((SELECT u.username FROM users u WHERE u.id = e.created_by), e.created_by) AS "createdBy",
  e.created_at AS "createdAt", e.updated_at AS "updatedAt", e.stats_at AS "statsAt", e.stats_meta AS "statsMeta",
  coalesce((e.stats_meta->>'units')::int, 0) AS units`;

export async function experimentByKey(db: Queryable, key: string): Promise<ExperimentRow | undefined> {
  return (await fetchRows<ExperimentRow>(db, sql`SELECT ${cols} FROM experiments e WHERE e.key = ${key}`))[0];
}

export async function experimentById(db: Queryable, id: string): Promise<ExperimentRow | undefined> {
  return (await fetchRows<ExperimentRow>(db, sql`SELECT ${cols} FROM experiments e WHERE e.id = ${id}`))[0];
}

/** Lists newest first; `archived` picks the archive, else every other status (optionally one). */
export function experimentList(
  db: Queryable,
  q: { archived: boolean; status?: ExperimentStatus | undefined },
): Promise<ExperimentRow[]> {
  const status = q.status ? sql`AND e.status = ${q.status}` : sql``;
  return fetchRows<ExperimentRow>(
    db,
    sql`SELECT ${cols} FROM experiments e WHERE (e.status = 'archived') = ${q.archived} ${status}
        ORDER BY coalesce(e.started_at, e.created_at) DESC, e.key`,
  );
}

/** Tests whose statistics move: running, or stopped within their attribution window (plus a day). */
export function refreshable(db: Queryable, now: Date): Promise<ExperimentRow[]> {
  return fetchRows<ExperimentRow>(
    db,
    sql`SELECT ${cols} FROM experiments e
        WHERE e.status = 'running' OR (e.stopped_at IS NOT NULL AND e.status IN ('stopped', 'shipped')
          AND e.stopped_at > ${now}::timestamptz - make_interval(hours => (e.metrics->>'attributionHours')::int + 24))`,
  );
}

export async function insertExperiment(
  db: Queryable,
  row: { id: string; salt: string; createdBy: string; status: ExperimentStatus },
  d: Definition,
): Promise<void> {
  await execute(
    db,
    sql`INSERT INTO experiments (id, key, name, hypothesis, owner, segment_key, traffic, layer_key, layer_share,
          design, variants, factors, content_id, metrics, plan, planned_days, status, salt, learned, created_by)
        VALUES (${row.id}, ${d.key}, ${d.name}, ${d.hypothesis}, ${d.owner}, ${d.segmentKey}, ${d.traffic},
          ${d.layer?.key ?? null}, ${d.layer?.share ?? null}, ${d.design}, ${json(d.variants)}::jsonb,
          ${json(d.factors)}::jsonb, ${d.contentId}, ${json(d.metrics)}::jsonb, ${json(d.plan)}::jsonb,
          ${d.plannedDays}, ${row.status}, ${row.salt}, ${d.learned}, ${row.createdBy})`,
  );
}

export async function updateDefinition(db: Queryable, id: string, d: Definition): Promise<void> {
  await execute(
    db,
    sql`UPDATE experiments SET name = ${d.name}, hypothesis = ${d.hypothesis}, owner = ${d.owner},
          segment_key = ${d.segmentKey}, traffic = ${d.traffic}, layer_key = ${d.layer?.key ?? null},
          layer_share = ${d.layer?.share ?? null}, design = ${d.design}, variants = ${json(d.variants)}::jsonb,
          factors = ${json(d.factors)}::jsonb, content_id = ${d.contentId}, metrics = ${json(d.metrics)}::jsonb,
          plan = ${json(d.plan)}::jsonb, planned_days = ${d.plannedDays}, learned = ${d.learned},
          salt = coalesce(${d.salt ?? null}, salt), updated_at = now()
        WHERE id = ${id}`,
  );
}

/** Moves a test through its lifecycle; only the given fields change. */
export async function setLifecycle(
  db: Queryable,
  id: string,
  f: {
    status: ExperimentStatus;
    archivedFrom?: ExperimentStatus | null;
    startedAt?: Date;
    stoppedAt?: Date;
    stopReason?: string | null;
    shippedArm?: string;
    layerRange?: { from: number; to: number } | null;
    learned?: string;
    plan?: Definition['plan'];
  },
): Promise<void> {
  const set = [sql`status = ${f.status}`, sql`updated_at = now()`];
  if (f.archivedFrom !== undefined) set.push(sql`archived_from = ${f.archivedFrom}`);
  if (f.startedAt) set.push(sql`started_at = ${f.startedAt}`);
  if (f.stoppedAt) set.push(sql`stopped_at = ${f.stoppedAt}`);
  if (f.stopReason !== undefined) set.push(sql`stop_reason = ${f.stopReason}`);
  if (f.shippedArm !== undefined) set.push(sql`shipped_arm = ${f.shippedArm}`);
  if (f.learned !== undefined) set.push(sql`learned = ${f.learned}`);
  if (f.plan !== undefined) set.push(sql`plan = ${json(f.plan)}::jsonb`);
  if (f.layerRange !== undefined)
    set.push(sql`layer_from = ${f.layerRange?.from ?? null}`, sql`layer_to = ${f.layerRange?.to ?? null}`);
  await execute(db, sql`UPDATE experiments SET ${sql.join(set, sql`, `)} WHERE id = ${id}`);
}

/** Bucket ranges of the layer's running tests, locking the layer row (allocation is serialised). */
export async function lockLayer(
  db: Queryable,
  layerKey: string,
): Promise<{ salt: string; taken: Array<{ key: string; from: number; to: number }> } | null> {
  const [layer] = await fetchRows<{ salt: string }>(
    db,
    sql`SELECT salt FROM experiment_layers WHERE key = ${layerKey} FOR UPDATE`,
  );
  if (!layer) return null;
  const taken = await fetchRows<{ key: string; from: number; to: number }>(
    db,
    sql`SELECT key, layer_from AS "from", layer_to AS "to" FROM experiments
        WHERE layer_key = ${layerKey} AND status = 'running' AND layer_from IS NOT NULL ORDER BY layer_from`,
  );
  return { salt: layer.salt, taken };
}

export async function ensureLayer(db: Queryable, key: string, salt: string, actor: string): Promise<void> {
  await execute(
    db,
    sql`INSERT INTO experiment_layers (key, name, salt, created_by) VALUES (${key}, ${key}, ${salt}, ${actor})
        ON CONFLICT (key) DO NOTHING`,
  );
}

export function layerList(db: Queryable) {
  return fetchRows<{
    key: string;
    name: string;
    createdAt: Date;
    running: Array<{ key: string; from: number; to: number }>;
  }>(
    db,
    sql`SELECT l.key, l.name, l.created_at AS "createdAt",
          coalesce((SELECT jsonb_agg(jsonb_build_object('key', e.key, 'from', e.layer_from, 'to', e.layer_to) ORDER BY e.layer_from)
                    FROM experiments e WHERE e.layer_key = l.key AND e.status = 'running'), '[]') AS running
        FROM experiment_layers l ORDER BY l.key`,
  );
}

export async function layerSalt(db: Queryable, key: string): Promise<string | null> {
  const [r] = await fetchRows<{ salt: string }>(
    db,
    sql`SELECT salt FROM experiment_layers WHERE key = ${key}`,
  );
  return r?.salt ?? null;
}

const DEFAULT_SETTINGS: ExperimentSettings<Date> = {
  holdoutShare: 0,
  holdoutSalt: 'linli',
  conversionBar: 0.05,
  updatedAt: null,
};

export async function readSettings(db: Queryable): Promise<ExperimentSettings<Date>> {
  const [r] = await fetchRows<ExperimentSettings<Date>>(
    db,
    sql`SELECT holdout_share AS "holdoutShare", holdout_salt AS "holdoutSalt", conversion_bar AS "conversionBar",
          updated_at AS "updatedAt" FROM experiment_settings WHERE id = 1`,
  );
  return r ?? DEFAULT_SETTINGS;
}

export async function writeSettings(
  db: Queryable,
  s: { holdoutShare: number; conversionBar: number },
  actor: string,
): Promise<void> {
  await execute(
    db,
    sql`INSERT INTO experiment_settings (id, holdout_share, conversion_bar, updated_by, updated_at)
        VALUES (1, ${s.holdoutShare}, ${s.conversionBar}, ${actor}, now())
        ON CONFLICT (id) DO UPDATE SET holdout_share = excluded.holdout_share,
          conversion_bar = excluded.conversion_bar, updated_by = excluded.updated_by, updated_at = now()`,
  );
}

export const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** The API's view of a row: the shipped content resolved, the layer's range attached. */
export function toView(r: ExperimentRow): ExperimentView<Date> {
  const { statsMeta: _meta, layerFrom, layerTo, ...rest } = r;
  return {
    ...rest,
    layer: r.layer ? { ...r.layer, from: layerFrom, to: layerTo } : null,
    shippedContent: r.shippedArm ? contentOf(r, r.shippedArm) : null,
  };
}
