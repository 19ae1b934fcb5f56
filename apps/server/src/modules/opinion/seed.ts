/**
 * The module's own steps for writing incidents inside someone else's transaction: the demo loader
 * seeds its community's incidents with them (in the demo's one transaction, at times in the past),
 * so seeded incidents have the same grouping, clocks and timelines as real ones.
 */
import type { OpinionLevel, RemedyKind, ResolutionCode } from '@linli/contracts/opinion';
import type { Queryable } from '../../platform/db/sql.ts';
import { enrich } from './enrich.ts';
import { groupMessages } from './grouping.ts';
import { addTimeline, incidentById, updateIncident } from './incidents.repo.ts';
import { checkMessages } from './intake.input.ts';
import { insertMessages, triageOne } from './intake.store.ts';
import { randomId, slaSubject } from './keys.ts';
import { CLOCK_OF_LEVEL } from './levels.ts';
import { readSettings } from './settings.service.ts';
import { alignClocks, raiseLevel } from './sla.service.ts';

/** Messages (the API's item shape) taken in at `now`; answers each one's level and incident. */
export async function seedMessages(
  tx: Queryable,
  items: unknown[],
  o: { now: Date; actor: string },
): Promise<Array<{ id: string; level: OpinionLevel; incidentId: string | null }>> {
  const { valid, problems } = checkMessages(items, { toleranceMs: 0, now: o.now });
  if (problems.length) throw new Error(`seed messages: ${JSON.stringify(problems)}`);
  const triaged = (await enrich(tx, valid)).map((m) => triageOne(m, {}, o.actor, o.now));
  await insertMessages(tx, triaged);
  const placed = await groupMessages(tx, triaged, await readSettings(tx), { now: o.now });
  return triaged.map((m) => ({ id: m.id, level: m.level, incidentId: placed.get(m.id) ?? null }));
}

export type SeedAction =
  | { do: 'acknowledge' }
  | { do: 'resolve'; code: ResolutionCode; note?: string }
  | { do: 'remedy'; kind: RemedyKind; amountFen: number; note?: string }
  | { do: 'breach' };

/**
 * One action at a past moment. `breach` records what the SLA sweep would have: the clock's marks
 * and the automatic escalation, with the marks counted as acted on.
 */
export async function seedAction(
  tx: Queryable,
  incidentId: string,
  a: SeedAction,
  o: { at: Date; actor: string },
): Promise<void> {
  const inc = (await incidentById(tx, incidentId, true))!;
  const s = await readSettings(tx);
  const timeline = (kind: Parameters<typeof addTimeline>[1]['kind'], detail: Record<string, unknown>) =>
    addTimeline(tx, { incidentId, kind, actor: o.actor, at: o.at, detail });
  if (a.do === 'acknowledge') {
    await updateIncident(tx, incidentId, { status: 'acknowledged', acknowledged_at: o.at });
    await timeline('acknowledged', {});
    await alignClocks(tx, { ...inc, status: 'acknowledged', acknowledgedAt: o.at }, s, o.at);
  } else if (a.do === 'resolve') {
    await updateIncident(tx, incidentId, {
      status: 'resolved',
      resolved_at: o.at,
      resolution_code: a.code,
      resolution_note: a.note ?? '',
      acknowledged_at: inc.acknowledgedAt ?? o.at,
    });
    await timeline('resolved', { code: a.code, ...(a.note ? { note: a.note } : {}) });
    await alignClocks(tx, { ...inc, status: 'resolved' }, s, o.at);
  } else if (a.do === 'remedy') {
    await tx.query(
      `INSERT INTO opinion_remedies (id, incident_id, kind, order_id, member_id, amount_fen, note, by, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        randomId('opr'),
        incidentId,
        a.kind,
        inc.orderId,
        inc.memberId,
        a.amountFen,
        a.note ?? '',
        o.actor,
        o.at,
      ],
    );
    await timeline('remedy', { kind: a.kind, amountFen: a.amountFen, orderId: inc.orderId });
  } else {
    const clock = CLOCK_OF_LEVEL[inc.level as 1 | 2 | 3];
    const subject = slaSubject(incidentId);
    await tx.query(
      `UPDATE sla_clocks SET warned_50_at = started_at + (due_at - started_at) / 2,
         warned_80_at = started_at + (due_at - started_at) * 0.8, breached_at = due_at
       WHERE subject = $1 AND clock = $2`,
      [subject, clock],
    );
    await tx.query(
      `INSERT INTO opinion_sla_actions (subject, clock, mark, at)
       SELECT $1, $2, m, $3 FROM unnest(ARRAY['warn50', 'warn80', 'breach']) AS m ON CONFLICT DO NOTHING`,
      [subject, clock, o.at],
    );
    await addTimeline(tx, { incidentId, kind: 'sla_breach', actor: 'system', at: o.at, detail: { clock } });
    if (inc.level < 3)
      await raiseLevel(tx, inc, (inc.level + 1) as OpinionLevel, {
        kind: 'escalated',
        cause: 'sla_breach',
        actor: 'system',
        at: o.at,
        s,
      });
  }
}
