/**
 * What people do with an incident: acknowledge, take or hand it over, escalate, record a refund or
 * compensation against the order, resolve it with a code, add a note. Each action is one
 * transaction with its timeline entry and its audit row, under the incident's row lock.
 */
import {
  REMEDY_KINDS,
  RESOLUTION_CODES,
  type IncidentDetail,
  type OpinionLevel,
} from '@linli/contracts/opinion';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { orderIdOf } from '../commerce/index.ts';
import { addTimeline, updateIncident, type IncidentRow } from './incidents.repo.ts';
import { incidentDetail, visibleIncident } from './incidents.read.ts';
import { actorName, randomId } from './keys.ts';
import { notify } from './notify.service.ts';
import { createIncidentSurvey } from './nps.service.ts';
import { readSettings } from './settings.service.ts';
import { alignClocks, raiseLevel } from './sla.service.ts';

type Action = (tx: Queryable, inc: IncidentRow, now: Date) => Promise<Record<string, unknown> | void>;

/** Runs one action on a locked incident, audits it, and answers the incident as it now is. */
async function act(
  ctx: Ctx,
  id: string,
  action: string,
  run: Action,
  o: { allowResolved?: boolean } = {},
): Promise<IncidentDetail<Date>> {
  await withTransaction(ctx.database, async (tx) => {
    const inc = await visibleIncident(ctx, tx, id, true);
    if (inc.status === 'resolved' && !o.allowResolved)
      throw new AppError('conflict', 'opinion.incident_resolved', `Incident ${id} is resolved`);
    const after = await run(tx, inc, new Date());
    await recordAudit(
      ctx,
      {
        action,
        entity: 'opinion_incident',
        entityId: id,
        before: { level: inc.level, status: inc.status, owner: inc.ownerName ?? inc.ownerRole },
        after: after ?? {},
      },
      tx,
    );
  });
  return incidentDetail(ctx, id);
}

const isLeaderOnly = (ctx: Ctx) =>
  ctx.actor.type === 'user' &&
  !ctx.actor.roles.includes('admin') &&
  ctx.actor.roles.every((r) => r === 'leader');

export const noteInput = z.object({ note: z.string().trim().max(2_000).optional() });

export function acknowledge(ctx: Ctx, id: string, input: { note?: string | undefined }) {
  return act(ctx, id, 'acknowledge', async (tx, inc, now) => {
    if (inc.acknowledgedAt) return { acknowledgedAt: inc.acknowledgedAt };
    const s = await readSettings(tx);
    await updateIncident(tx, id, { status: 'acknowledged', acknowledged_at: now });
    await addTimeline(tx, {
      incidentId: id,
      kind: 'acknowledged',
      actor: actorName(ctx),
      at: now,
      detail: input.note ? { note: input.note } : {},
    });
    await alignClocks(tx, { ...inc, status: 'acknowledged', acknowledgedAt: now }, s, now);
    return { status: 'acknowledged' };
  });
}

export const assignInput = z.object({
  username: z.string().min(1).max(64),
  note: z.string().trim().max(2_000).optional(),
});

export function assign(ctx: Ctx, id: string, input: z.infer<typeof assignInput>) {
  return act(ctx, id, 'assign', async (tx, inc, now) => {
    const [u] = await rows<{ id: string; username: string }>(
      tx,
      'SELECT id, username FROM users WHERE username = $1 AND disabled_at IS NULL',
      [input.username],
    );
    if (!u)
      throw new AppError('invalid', 'opinion.unknown_user', `No active user ${input.username}`, [
        { field: 'username', reason: 'an existing, active username' },
      ]);
    await updateIncident(tx, id, { owner_id: u.id, owner_name: u.username });
    await addTimeline(tx, {
      incidentId: id,
      kind: 'assigned',
      actor: actorName(ctx),
      at: now,
      detail: { to: u.username, ...(input.note ? { note: input.note } : {}) },
    });
    await notify(tx, {
      kind: 'assigned',
      incidentId: id,
      level: inc.level,
      title: `【舆情分派】${inc.title.slice(0, 40)}`,
      body: `${actorName(ctx)} 将事件 ${id} 交给你处理`,
      dedupe: `opinion:incident:${id}:assigned:${u.username}:${now.getTime()}`,
      at: now,
      users: [u.username],
    });
    return { owner: u.username };
  });
}

export function escalate(ctx: Ctx, id: string, input: { note?: string | undefined }) {
  return act(ctx, id, 'escalate', async (tx, inc, now) => {
    if (inc.level >= 3)
      throw new AppError(
        'conflict',
        'opinion.top_level',
        'The incident is at level 3 already: the executive owns it',
      );
    const s = await readSettings(tx);
    const after = await raiseLevel(tx, inc, (Math.max(1, inc.level) + 1) as OpinionLevel, {
      kind: 'escalated',
      cause: 'manual',
      actor: actorName(ctx),
      at: now,
      s,
      ...(input.note ? { note: input.note } : {}),
    });
    if (after.level < 3)
      await notify(tx, {
        kind: 'escalation',
        incidentId: id,
        level: after.level,
        title: `【舆情升级】${inc.title.slice(0, 40)}`,
        body: `${actorName(ctx)} 将事件升级为 ${after.level} 级${input.note ? `：${input.note}` : ''}`,
        dedupe: `opinion:incident:${id}:escalated:${after.level}`,
        at: now,
      });
    return { level: after.level };
  });
}

export const resolveInput = z.object({
  code: z.enum(RESOLUTION_CODES),
  note: z.string().trim().max(2_000).default(''),
});

export function resolve(ctx: Ctx, id: string, input: z.infer<typeof resolveInput>) {
  return act(ctx, id, 'resolve', async (tx, inc, now) => {
    if (isLeaderOnly(ctx) && inc.level > 1)
      throw new AppError('forbidden', 'opinion.level_too_high', 'A leader may resolve level-1 alerts only');
    const s = await readSettings(tx);
    await updateIncident(tx, id, {
      status: 'resolved',
      resolved_at: now,
      resolution_code: input.code,
      resolution_note: input.note,
      acknowledged_at: inc.acknowledgedAt ?? now,
    });
    await addTimeline(tx, {
      incidentId: id,
      kind: 'resolved',
      actor: actorName(ctx),
      at: now,
      detail: { code: input.code, ...(input.note ? { note: input.note } : {}) },
    });
    await alignClocks(tx, { ...inc, status: 'resolved' }, s, now);
    // the member who complained is asked how it went once it is closed
    if (inc.memberId) await createIncidentSurvey(tx, ctx, { ...inc, resolvedAt: now });
    return { status: 'resolved', code: input.code };
  });
}

export const remedyInput = z.object({
  kind: z.enum(REMEDY_KINDS),
  amountFen: z.number().int().positive().max(100_000_00, 'at most ¥100,000'),
  orderId: z.string().trim().min(1).max(128).optional(),
  note: z.string().trim().max(2_000).default(''),
});

export function addRemedy(ctx: Ctx, id: string, input: z.infer<typeof remedyInput>) {
  return act(
    ctx,
    id,
    'remedy',
    async (tx, inc, now) => {
      const orderId = input.orderId
        ? /^ord_[0-9a-f]{20}$/.test(input.orderId)
          ? input.orderId
          : orderIdOf(input.orderId)
        : inc.orderId;
      const remedyId = randomId('opr');
      await tx.query(
        `INSERT INTO opinion_remedies (id, incident_id, kind, order_id, member_id, amount_fen, note, by, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [remedyId, id, input.kind, orderId, inc.memberId, input.amountFen, input.note, actorName(ctx), now],
      );
      await addTimeline(tx, {
        incidentId: id,
        kind: 'remedy',
        actor: actorName(ctx),
        at: now,
        detail: {
          kind: input.kind,
          amountFen: input.amountFen,
          orderId,
          ...(input.note ? { note: input.note } : {}),
        },
      });
      return { remedyId, kind: input.kind, amountFen: input.amountFen, orderId };
    },
    { allowResolved: true },
  );
}

export function addNote(ctx: Ctx, id: string, note: string) {
  return act(
    ctx,
    id,
    'note',
    async (tx, _inc, now) => {
      await addTimeline(tx, {
        incidentId: id,
        kind: 'note',
        actor: actorName(ctx),
        at: now,
        detail: { note },
      });
      return { note };
    },
    { allowResolved: true },
  );
}

export const parseAction = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> =>
  parseInput(schema as z.ZodType<z.infer<S>>, input ?? {}, 'opinion.action_invalid', 'action');
