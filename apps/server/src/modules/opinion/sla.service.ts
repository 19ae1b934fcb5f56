/**
 * The incidents' SLA clocks on `platform/sla.ts`: one clock per level (acknowledge at level 1,
 * resolve at 2, close at 3) on the subject `opinion:incident:<id>`, started with the level and
 * stopped when it is met or replaced. The platform records each warning and breach once; the
 * handler here acts on it once (a row in `opinion_sla_actions`, written with the action), and
 * `reconcileSla` picks up a mark whose action a crash cut short.
 */
import type { OpinionLevel, OpinionSettings, SlaClock } from '@linli/contracts/opinion';
import { recordAudit } from '../../platform/audit.ts';
import { systemCtx, type App } from '../../platform/context.ts';
import { rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { clockOf, onSla, startClock, stopClock, type SlaEvent, type SlaMark } from '../../platform/sla.ts';
import { addTimeline, incidentById, updateIncident, type IncidentRow } from './incidents.repo.ts';
import { incidentOfSubject, slaSubject, SLA_PREFIX } from './keys.ts';
import { CLOCK_OF_LEVEL, clockMinutes, LEVEL_OF_CLOCK, ownerRoleFor } from './levels.ts';
import { notify } from './notify.service.ts';
import { breachNotice, levelNotice, warningNotice } from './notices.ts';
import { readSettings } from './settings.service.ts';

type Settings = OpinionSettings<Date>;

/**
 * Puts an incident's clocks in line with where it stands: the clock of a lower level stops, the
 * clock of its level runs (unless met: an acknowledged level-1 incident, a resolved one). Idempotent.
 */
export async function alignClocks(
  tx: Queryable,
  inc: Pick<
    IncidentRow,
    'id' | 'level' | 'status' | 'acknowledgedAt' | 'ownerRole' | 'ownerName' | 'slaClock'
  >,
  s: Settings,
  now: Date,
): Promise<void> {
  const subject = slaSubject(inc.id);
  const met =
    inc.status === 'resolved' || inc.level === 0 || (inc.level === 1 && inc.acknowledgedAt !== null);
  const want = met ? null : CLOCK_OF_LEVEL[inc.level as 1 | 2 | 3];
  // the incident row mirrors its running clock: most messages join an incident whose clock is right
  if (inc.slaClock === want) return;
  if (inc.slaClock) await stopClock(tx, subject, inc.slaClock, now);
  if (!want) {
    await updateIncident(tx, inc.id, { sla_clock: null, sla_due_at: null });
    return;
  }
  const c = await startClock(tx, {
    subject,
    clock: want,
    durationMs: clockMinutes(s, want) * 60_000,
    owner: inc.ownerName ?? `role:${inc.ownerRole}`,
    meta: { level: inc.level },
    now,
  });
  await updateIncident(tx, inc.id, { sla_clock: want, sla_due_at: c.stoppedAt ? null : c.dueAt });
}

export async function userIdOf(db: Queryable, username: string | null): Promise<string | null> {
  if (!username) return null;
  const [u] = await rows<{ id: string }>(db, 'SELECT id FROM users WHERE username = $1', [username]);
  return u?.id ?? null;
}

/**
 * Moves an incident to a higher level: new owner role (the on-call executive at level 3), the
 * timeline entry, the clocks; at level 3 the executive and the operations group are told.
 */
export async function raiseLevel(
  tx: Queryable,
  inc: IncidentRow,
  to: OpinionLevel,
  o: {
    kind: 'level_raised' | 'escalated';
    cause: string;
    actor: string;
    at: Date;
    s: Settings;
    leaderName?: string | null;
    note?: string;
  },
): Promise<IncidentRow> {
  if (to <= inc.level) return inc;
  const role = ownerRoleFor(to, Boolean(o.leaderName));
  const ownerName = to >= 3 ? o.s.oncallExecutive : role === 'leader' ? (o.leaderName ?? null) : null;
  const ownerId = to >= 3 ? await userIdOf(tx, o.s.oncallExecutive) : null;
  const next: IncidentRow = {
    ...inc,
    level: to,
    ownerRole: role,
    ownerName,
    ownerId,
    escalations: inc.escalations + (o.kind === 'escalated' ? 1 : 0),
  };
  await updateIncident(tx, inc.id, {
    level: to,
    owner_role: role,
    owner_name: ownerName,
    owner_id: ownerId,
    escalations: next.escalations,
  });
  await addTimeline(tx, {
    incidentId: inc.id,
    kind: o.kind,
    actor: o.actor,
    at: o.at,
    detail: {
      from: inc.level,
      to,
      cause: o.cause,
      owner: ownerName ?? role,
      ...(o.note ? { note: o.note } : {}),
    },
  });
  await alignClocks(tx, next, o.s, o.at);
  if (to === 3 && o.cause !== 'sla_breach') await notify(tx, levelNotice(next, o.cause, o.s, o.at));
  return next;
}

/** Acts on one recorded mark, once: warnings tell the console, a breach escalates and tells everyone. */
export async function actOnSla(app: App, ev: SlaEvent): Promise<boolean> {
  const { subject, clock } = ev.clock;
  if (!subject.startsWith(SLA_PREFIX)) return false;
  return withTransaction(app.database, async (tx) => {
    const won = await tx.query(
      `INSERT INTO opinion_sla_actions (subject, clock, mark, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [subject, clock, ev.mark, ev.at],
    );
    if (won.rowCount === 0) return false;
    const inc = await incidentById(tx, incidentOfSubject(subject), true);
    if (!inc || inc.status === 'resolved') return true;
    const s = await readSettings(tx);
    const c = clock as SlaClock;
    // the sweep's actions are audited like a person's, under the system actor
    await recordAudit(
      systemCtx(app, 'sla', `sla-${ev.mark}`),
      {
        action: `sla_${ev.mark}`,
        entity: 'opinion_incident',
        entityId: inc.id,
        after: { clock, level: inc.level },
      },
      tx,
    );
    if (ev.mark !== 'breach') {
      const share = ev.mark === 'warn50' ? 50 : 80;
      await addTimeline(tx, {
        incidentId: inc.id,
        kind: 'sla_warning',
        actor: 'system',
        at: ev.at,
        detail: { clock: c, share, dueAt: ev.clock.dueAt.toISOString() },
      });
      await notify(tx, warningNotice(inc, c, share, ev.clock.dueAt, `${subject}:${c}:${ev.mark}`, ev.at));
      return true;
    }
    await addTimeline(tx, {
      incidentId: inc.id,
      kind: 'sla_breach',
      actor: 'system',
      at: ev.at,
      detail: { clock: c, dueAt: ev.clock.dueAt.toISOString() },
    });
    const level = LEVEL_OF_CLOCK[c];
    let after = inc;
    if (level === inc.level && inc.level < 3)
      after = await raiseLevel(tx, inc, (inc.level + 1) as OpinionLevel, {
        kind: 'escalated',
        cause: 'sla_breach',
        actor: 'system',
        at: ev.at,
        s,
      });
    // a breached level-3 clock keeps running: the board shows it overdue until the incident closes
    await notify(tx, breachNotice(inc, after, c, ev.clock.dueAt, s, `${subject}:${c}:breach`, ev.at));
    return true;
  });
}

export function registerSlaHandler(): void {
  onSla(SLA_PREFIX, async (app, ev) => {
    await actOnSla(app, ev);
  });
}

/**
 * Marks the platform recorded whose action never happened (the process stopped between the two):
 * acted on now. Marks younger than `graceMs` are left to the handler that is probably running.
 */
export async function reconcileSla(app: App, o: { now?: Date; graceMs?: number } = {}): Promise<number> {
  const now = o.now ?? new Date();
  const missed = await rows<{ mark: SlaMark; at: Date; subject: string; clock: string }>(
    app.database.pool,
    `SELECT m.mark, m.at, c.subject, c.clock FROM sla_clocks c
     CROSS JOIN LATERAL (VALUES ('warn50', c.warned_50_at), ('warn80', c.warned_80_at), ('breach', c.breached_at)) AS m(mark, at)
     WHERE starts_with(c.subject, $1) AND m.at IS NOT NULL
       AND m.at > $2::timestamptz - interval '7 days' AND m.at <= $2::timestamptz - make_interval(secs => $3)
       AND NOT EXISTS (SELECT 1 FROM opinion_sla_actions a WHERE a.subject = c.subject AND a.clock = c.clock AND a.mark = m.mark)
     ORDER BY m.at`,
    [SLA_PREFIX, now, (o.graceMs ?? 30_000) / 1000],
  );
  let acted = 0;
  for (const m of missed) {
    const clock = await clockOf(app.database.pool, m.subject, m.clock);
    if (clock && (await actOnSla(app, { mark: m.mark, at: m.at, clock }))) acted++;
  }
  return acted;
}
