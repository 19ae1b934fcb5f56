/** The lab's settings (global holdout, conversion bar) and its layers of mutually exclusive tests. */
import type { ExperimentSettings } from '@linli/contracts/experiments';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { withTransaction } from '../../platform/db/sql.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { forgetAllExperiments } from './assignment.ts';
import * as repo from './experiments.repo.ts';

export const settingsInput = z.object({
  /** members held out of every test; raising it only adds members to the holdout */
  holdoutShare: z.number().min(0).max(0.5),
  conversionBar: z.number().gt(0).lt(1),
});

export function getSettings(ctx: Ctx): Promise<ExperimentSettings<Date>> {
  return repo.readSettings(ctx.database.pool);
}

export async function putSettings(ctx: Ctx, input: unknown): Promise<ExperimentSettings<Date>> {
  const s = parseInput(settingsInput, input, 'experiments.settings_invalid', 'settings');
  const before = await repo.readSettings(ctx.database.pool);
  await withTransaction(ctx.database, async (tx) => {
    await repo.writeSettings(tx, s, ctx.actor.id);
    await recordAudit(
      ctx,
      { action: 'update', entity: 'experiment_settings', entityId: '1', before, after: s },
      tx,
    );
  });
  forgetAllExperiments(ctx);
  return repo.readSettings(ctx.database.pool);
}

export const layerInput = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{1,63}$/, 'lower-case letters, digits, _ or -, starting with a letter'),
  name: z.string().min(1).max(60),
});

export async function listLayers(ctx: Ctx) {
  return { items: await repo.layerList(ctx.database.pool) };
}

/** Creates a layer; sending it again answers the same layer, another name under the key is a conflict. */
export async function createLayer(ctx: Ctx, input: unknown) {
  const l = parseInput(layerInput, input, 'experiments.layer_invalid', 'layer');
  const existing = (await repo.layerList(ctx.database.pool)).find((x) => x.key === l.key);
  if (existing && existing.name !== l.name && existing.name !== existing.key)
    throw new AppError('conflict', 'experiments.layer_taken', `A layer with key ${l.key} already exists`);
  await withTransaction(ctx.database, async (tx) => {
    await repo.ensureLayer(tx, l.key, randomBytes(4).toString('hex'), ctx.actor.id);
    await tx.query('UPDATE experiment_layers SET name = $2 WHERE key = $1', [l.key, l.name]);
    if (!existing)
      await recordAudit(ctx, { action: 'create', entity: 'experiment_layer', entityId: l.key, after: l }, tx);
  });
  return (await repo.layerList(ctx.database.pool)).find((x) => x.key === l.key)!;
}
