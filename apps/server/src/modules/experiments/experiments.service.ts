/**
 * Tests as objects: create (a retry of the same request answers the same test), change what may
 * change, and move through draft → running → stopped → shipped, with archive and restore. Every
 * write is audited in its own transaction.
 */
import { randomBytes } from 'node:crypto';
import type { ExperimentStatus, ExperimentView } from '@linli/contracts/experiments';
import { BUCKETS } from '@linli/experiments';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { derivedId } from '../../platform/ids.ts';
import { sameJson } from '../../platform/same-json.ts';
import { segmentIsLive } from '../intelligence/index.ts';
import { forgetExperiment } from './assignment.ts';
import {
  type Definition,
  armNames,
  assertChangeAllowed,
  experimentInput,
  levelsOf,
  normalise,
} from './definition.ts';
import * as repo from './experiments.repo.ts';
import { estimatePlan } from './plan.service.ts';
import { refreshExperiment } from './results.service.ts';

const salt = () => randomBytes(4).toString('hex');

export const actorName = (ctx: Ctx) =>
  ctx.actor.type === 'user' ? ctx.actor.username : `${ctx.actor.type}:${ctx.actor.id}`;

export async function experimentOrThrow(db: Queryable, key: string): Promise<repo.ExperimentRow> {
  const e = await repo.experimentByKey(db, key);
  if (!e) throw new AppError('not_found', 'experiments.not_found', `No experiment ${key}`);
  return e;
}

export async function getExperiment(ctx: Ctx, key: string): Promise<ExperimentView<Date>> {
  return repo.toView(await experimentOrThrow(ctx.database.pool, key));
}

function parseDefinition(input: unknown): Definition {
  return normalise(parseInput(experimentInput, input, 'experiments.invalid', 'experiment'));
}

async function assertSegment(ctx: Ctx, d: Definition): Promise<void> {
  if (d.segmentKey && !(await segmentIsLive(ctx.database.pool, d.segmentKey)))
    throw new AppError(
      'invalid',
      'experiments.unknown_segment',
      `No segment ${d.segmentKey} (or it is archived)`,
      [{ field: 'segmentKey', reason: `unknown or archived segment ${d.segmentKey}` }],
    );
}

const definitionOf = (r: repo.ExperimentRow): Definition => ({
  key: r.key,
  name: r.name,
  hypothesis: r.hypothesis,
  owner: r.owner,
  segmentKey: r.segmentKey,
  traffic: r.traffic,
  layer: r.layer,
  design: r.design,
  variants: r.variants,
  factors: r.factors,
  contentId: r.contentId,
  metrics: r.metrics,
  plannedDays: r.plannedDays,
  plan: r.plan,
  learned: r.learned,
  salt: r.salt,
});

/** Floats stored as `real` come back rounded: compare them at that precision. */
const comparable = (d: Definition) => ({
  ...d,
  traffic: Math.fround(d.traffic),
  layer: d.layer && { ...d.layer, share: Math.fround(d.layer.share) },
});

export async function createExperiment(
  ctx: Ctx,
  input: unknown,
): Promise<{ created: boolean; experiment: ExperimentView<Date> }> {
  const d = parseDefinition(input);
  if (!d.owner) d.owner = actorName(ctx);
  await assertSegment(ctx, d);
  const existing = await repo.experimentByKey(ctx.database.pool, d.key);
  if (existing) {
    if (sameJson(comparable({ ...definitionOf(existing), salt: d.salt ?? existing.salt }), comparable(d)))
      return { created: false, experiment: repo.toView(existing) };
    throw new AppError('conflict', 'experiments.key_taken', `An experiment with key ${d.key} already exists`);
  }
  const id = derivedId('exp', d.key);
  await withTransaction(ctx.database, async (tx) => {
    if (d.layer) await repo.ensureLayer(tx, d.layer.key, salt(), ctx.actor.id);
    await repo.insertExperiment(
      tx,
      { id, salt: d.salt ?? salt(), createdBy: ctx.actor.id, status: 'draft' },
      d,
    );
    await recordAudit(ctx, { action: 'create', entity: 'experiment', entityId: id, after: d }, tx);
  });
  // a lookup of this key before it existed may be cached as "no such test"
  forgetExperiment(ctx, d.key);
  return { created: true, experiment: await getExperiment(ctx, d.key) };
}

export async function updateExperiment(ctx: Ctx, key: string, input: unknown): Promise<ExperimentView<Date>> {
  const before = await experimentOrThrow(ctx.database.pool, key);
  const d = parseDefinition({ ...(input as object), key });
  if (!d.owner) d.owner = before.owner;
  d.salt ??= before.salt;
  const status = before.status === 'archived' ? (before.archivedFrom ?? 'draft') : before.status;
  assertChangeAllowed(status, definitionOf(before), d);
  if (status === 'draft') await assertSegment(ctx, d);
  await withTransaction(ctx.database, async (tx) => {
    if (d.layer) await repo.ensureLayer(tx, d.layer.key, salt(), ctx.actor.id);
    await repo.updateDefinition(tx, before.id, d);
    await recordAudit(
      ctx,
      { action: 'update', entity: 'experiment', entityId: before.id, before: definitionOf(before), after: d },
      tx,
    );
  });
  forgetExperiment(ctx, key);
  return getExperiment(ctx, key);
}

function wrongStatus(e: repo.ExperimentRow, action: string, allowed: ExperimentStatus[]): AppError {
  return new AppError(
    'conflict',
    'experiments.wrong_status',
    `Cannot ${action} ${e.key}: it is ${e.status} (only a ${allowed.join(' or ')} test can)`,
  );
}

/** Starts a draft: its layer range is taken, its plan settled, assignment begins. */
export async function startExperiment(ctx: Ctx, key: string): Promise<ExperimentView<Date>> {
  const e = await experimentOrThrow(ctx.database.pool, key);
  if (e.status === 'running') return repo.toView(e);
  if (e.status !== 'draft') throw wrongStatus(e, 'start', ['draft']);
  await assertSegment(ctx, definitionOf(e));
  const plan = e.plan.mde ? e.plan : await planFor(ctx, e);
  await withTransaction(ctx.database, async (tx) => {
    let layerRange: { from: number; to: number } | null = null;
    if (e.layer) layerRange = await allocate(tx, e.layer.key, e.layer.share, e.key);
    await repo.setLifecycle(tx, e.id, { status: 'running', startedAt: new Date(), layerRange, plan });
    await recordAudit(
      ctx,
      { action: 'start', entity: 'experiment', entityId: e.id, after: { layerRange, plan } },
      tx,
    );
  });
  forgetExperiment(ctx, key);
  return getExperiment(ctx, key);
}

async function planFor(ctx: Ctx, e: repo.ExperimentRow): Promise<Definition['plan']> {
  // a factorial test compares the levels of a factor: its arms are the most levels any factor has
  const arms =
    e.design === 'variants' ? e.variants!.length : Math.max(...e.factors!.map((f) => f.levels.length));
  const p = await estimatePlan(ctx, {
    segmentKey: e.segmentKey,
    traffic: e.traffic,
    layerShare: e.layer?.share ?? 1,
    arms,
    attributionHours: e.metrics.attributionHours,
    baseRate: e.plan.baseRate,
    expectedUnits: e.plan.unitsPerArm === null ? null : e.plan.unitsPerArm * arms,
  });
  return { baseRate: p.baseRate, unitsPerArm: p.unitsPerArm, mde: p.mde };
}

/** The first free range of the layer's buckets wide enough for `share` of them. */
async function allocate(tx: Queryable, layerKey: string, share: number, key: string) {
  const layer = await repo.lockLayer(tx, layerKey);
  if (!layer) throw new AppError('not_found', 'experiments.unknown_layer', `No layer ${layerKey}`);
  const width = Math.round(share * BUCKETS);
  let from = 0;
  for (const t of layer.taken) {
    if (t.from - from >= width) break;
    from = Math.max(from, t.to);
  }
  if (from + width > BUCKETS) {
    const used = layer.taken.reduce((s, t) => s + (t.to - t.from), 0);
    throw new AppError(
      'conflict',
      'experiments.layer_full',
      `Layer ${layerKey} has no free ${share * 100}% for ${key}: ${((1 - used / BUCKETS) * 100).toFixed(1)}% is free (running: ${layer.taken.map((t) => t.key).join(', ')})`,
    );
  }
  return { from, to: from + width };
}

export async function stopExperiment(
  ctx: Ctx,
  key: string,
  o: { reason?: string | undefined; learned?: string | undefined },
): Promise<ExperimentView<Date>> {
  const e = await experimentOrThrow(ctx.database.pool, key);
  if (e.status === 'stopped') return repo.toView(e);
  if (e.status !== 'running') throw wrongStatus(e, 'stop', ['running']);
  await withTransaction(ctx.database, async (tx) => {
    await repo.setLifecycle(tx, e.id, {
      status: 'stopped',
      stoppedAt: new Date(),
      stopReason: o.reason ?? 'stopped by an operator',
      ...(o.learned !== undefined ? { learned: o.learned } : {}),
    });
    await recordAudit(ctx, { action: 'stop', entity: 'experiment', entityId: e.id, after: o }, tx);
  });
  forgetExperiment(ctx, key);
  await refreshExperiment(ctx, key);
  return getExperiment(ctx, key);
}

/** Makes an arm's content what everyone sees from now on, ending the test if it still runs. */
export async function shipExperiment(
  ctx: Ctx,
  key: string,
  o: { arm: string; learned?: string | undefined },
): Promise<ExperimentView<Date>> {
  const e = await experimentOrThrow(ctx.database.pool, key);
  if (e.status === 'shipped' && e.shippedArm === o.arm) return repo.toView(e);
  if (e.status !== 'running' && e.status !== 'stopped') throw wrongStatus(e, 'ship', ['running', 'stopped']);
  const valid = e.design === 'variants' ? armNames(e).includes(o.arm) : levelsOf(e.factors!, o.arm) !== null;
  if (!valid)
    throw new AppError('invalid', 'experiments.unknown_arm', `${o.arm} is not an arm of ${key}`, [
      {
        field: 'arm',
        reason: e.design === 'factorial' ? 'one level key per factor, joined by |' : 'a variant name',
      },
    ]);
  await withTransaction(ctx.database, async (tx) => {
    await repo.setLifecycle(tx, e.id, {
      status: 'shipped',
      shippedArm: o.arm,
      ...(e.stoppedAt ? {} : { stoppedAt: new Date(), stopReason: `shipped ${o.arm}` }),
      ...(o.learned !== undefined ? { learned: o.learned } : {}),
    });
    await recordAudit(
      ctx,
      { action: 'ship', entity: 'experiment', entityId: e.id, before: { status: e.status }, after: o },
      tx,
    );
  });
  forgetExperiment(ctx, key);
  if (e.status === 'running') await refreshExperiment(ctx, key);
  return getExperiment(ctx, key);
}

/** Archives (nothing is deleted; restore gives the test its status back) or restores a test. */
export async function archiveExperiment(
  ctx: Ctx,
  key: string,
  archived: boolean,
): Promise<ExperimentView<Date>> {
  const e = await experimentOrThrow(ctx.database.pool, key);
  if (archived === (e.status === 'archived')) return repo.toView(e);
  if (archived && e.status === 'running')
    throw new AppError('conflict', 'experiments.running', `Stop ${key} before archiving it`);
  await withTransaction(ctx.database, async (tx) => {
    await repo.setLifecycle(
      tx,
      e.id,
      archived
        ? { status: 'archived', archivedFrom: e.status }
        : { status: e.archivedFrom ?? 'draft', archivedFrom: null },
    );
    await recordAudit(
      ctx,
      { action: archived ? 'archive' : 'restore', entity: 'experiment', entityId: e.id },
      tx,
    );
  });
  forgetExperiment(ctx, key);
  return getExperiment(ctx, key);
}
