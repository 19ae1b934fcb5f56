/**
 * Durable SLA clocks for any module: a clock runs on a subject (`compliance:item:…:v2`) under a
 * name (`review`), with an owner and a due time. A sweep, run often by the worker, records the 50 %
 * and 80 % warnings and the breach — each exactly once, because each is set by an
 * `UPDATE … WHERE <mark> IS NULL RETURNING`, which a concurrent sweep cannot also win — and then
 * calls the handlers modules registered for the subject's prefix. The clocks live in the database,
 * so a restart, or a second worker, changes nothing.
 *
 * A mark is recorded before its handlers run: a handler that fails is logged, not retried (the
 * event stays readable on the clock, which is what reports and queues read).
 */
import type { App } from './context.ts';
import { rows, type Queryable } from './db/sql.ts';

export type SlaMark = 'warn50' | 'warn80' | 'breach';

export interface SlaClock {
  subject: string;
  clock: string;
  owner: string | null;
  startedAt: Date;
  dueAt: Date;
  stoppedAt: Date | null;
  warned50At: Date | null;
  warned80At: Date | null;
  breachedAt: Date | null;
  meta: Record<string, unknown>;
}

export interface SlaEvent {
  mark: SlaMark;
  at: Date;
  clock: SlaClock;
}

export type SlaHandler = (app: App, event: SlaEvent) => Promise<void>;

const COLUMNS = `subject, clock, owner, started_at AS "startedAt", due_at AS "dueAt", stopped_at AS "stoppedAt",
  warned_50_at AS "warned50At", warned_80_at AS "warned80At", breached_at AS "breachedAt", meta`;

/**
 * Starts a clock; idempotent: a clock that exists (running or stopped) is answered as it is, so a
 * retried request never moves a deadline. Pass the transaction's client to start it with the write
 * it belongs to.
 */
export async function startClock(
  db: Queryable,
  c: {
    subject: string;
    clock: string;
    durationMs: number;
    owner?: string | null;
    meta?: Record<string, unknown>;
    now?: Date;
  },
): Promise<SlaClock> {
  const now = c.now ?? new Date();
  if (!(c.durationMs > 0)) throw new Error(`SLA duration must be positive (got ${c.durationMs})`);
  await db.query(
    `INSERT INTO sla_clocks (subject, clock, owner, started_at, due_at, meta)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (subject, clock) DO NOTHING`,
    [
      c.subject,
      c.clock,
      c.owner ?? null,
      now,
      new Date(now.getTime() + c.durationMs),
      JSON.stringify(c.meta ?? {}),
    ],
  );
  return (await clockOf(db, c.subject, c.clock))!;
}

/** Stops a running clock (idempotent); null when there is none. */
export async function stopClock(
  db: Queryable,
  subject: string,
  clock: string,
  now = new Date(),
): Promise<SlaClock | null> {
  await db.query(
    'UPDATE sla_clocks SET stopped_at = $3 WHERE subject = $1 AND clock = $2 AND stopped_at IS NULL',
    [subject, clock, now],
  );
  return (await clockOf(db, subject, clock)) ?? null;
}

/** Hands a running clock to another owner (a claimed or reassigned queue entry). */
export async function setClockOwner(
  db: Queryable,
  subject: string,
  clock: string,
  owner: string | null,
): Promise<void> {
  await db.query('UPDATE sla_clocks SET owner = $3 WHERE subject = $1 AND clock = $2', [
    subject,
    clock,
    owner,
  ]);
}

export async function clockOf(db: Queryable, subject: string, clock: string): Promise<SlaClock | undefined> {
  return (
    await rows<SlaClock>(db, `SELECT ${COLUMNS} FROM sla_clocks WHERE subject = $1 AND clock = $2`, [
      subject,
      clock,
    ])
  )[0];
}

/** The clocks of these subjects (a queue page reads its rows' clocks in one query). */
export function clocksOf(db: Queryable, subjects: string[]): Promise<SlaClock[]> {
  return rows<SlaClock>(db, `SELECT ${COLUMNS} FROM sla_clocks WHERE subject = ANY($1::text[])`, [subjects]);
}

/** Every clock whose subject starts with `prefix` and started in [from, to) (for reports). */
export function clocksUnder(db: Queryable, prefix: string, from: Date, to: Date): Promise<SlaClock[]> {
  return rows<SlaClock>(
    db,
    `SELECT ${COLUMNS} FROM sla_clocks
     WHERE starts_with(subject, $1) AND started_at >= $2 AND started_at < $3 ORDER BY started_at`,
    [prefix, from, to],
  );
}

/**
 * Where a clock stands at `now`: `green` before half its time, `amber` from 50 %, `red` from 80 %,
 * `breached` past due; a stopped clock is `met` or `missed`.
 */
export function slaState(
  c: Pick<SlaClock, 'startedAt' | 'dueAt' | 'stoppedAt'>,
  now = new Date(),
): 'green' | 'amber' | 'red' | 'breached' | 'met' | 'missed' {
  const end = c.stoppedAt ?? now;
  if (c.stoppedAt) return end.getTime() <= c.dueAt.getTime() ? 'met' : 'missed';
  const span = c.dueAt.getTime() - c.startedAt.getTime();
  const used = (end.getTime() - c.startedAt.getTime()) / span;
  return used >= 1 ? 'breached' : used >= 0.8 ? 'red' : used >= 0.5 ? 'amber' : 'green';
}

const handlers: Array<{ prefix: string; handler: SlaHandler }> = [];

/** Calls `handler` for every mark of a clock whose subject starts with `prefix` (once per prefix). */
export function onSla(prefix: string, handler: SlaHandler): void {
  const i = handlers.findIndex((h) => h.prefix === prefix);
  if (i >= 0) handlers[i] = { prefix, handler };
  else handlers.push({ prefix, handler });
}

/** The clock's fields that hold each mark's moment, in the order of MARKS. */
const MARK_FIELDS = ['warned50At', 'warned80At', 'breachedAt'] as const;

const MARKS: ReadonlyArray<{ mark: SlaMark; column: string; share: number }> = [
  { mark: 'warn50', column: 'warned_50_at', share: 0.5 },
  { mark: 'warn80', column: 'warned_80_at', share: 0.8 },
  { mark: 'breach', column: 'breached_at', share: 1 },
];

/**
 * Records every mark due at `now` and calls the handlers. Returns the events this sweep won; a
 * concurrent sweep gets the others (none twice). A clock swept for the first time after its due
 * time gets all three, in order.
 */
export async function sweepSla(app: App, now = new Date()): Promise<SlaEvent[]> {
  // One statement sets every mark that is due on a clock, so a single sweep owns all of a clock's
  // marks at a moment and reports them in order (50 % before 80 % before the breach); a concurrent
  // sweep waits on the row lock, re-checks, and finds nothing left to set.
  const due = (m: (typeof MARKS)[number]) =>
    `(${m.column} IS NULL AND started_at + (due_at - started_at) * ${m.share} <= $1)`;
  const won = await rows<SlaClock & { was: Array<string | null> }>(
    app.database.pool,
    `WITH due AS (
       SELECT subject, clock, ARRAY[warned_50_at::text, warned_80_at::text, breached_at::text] AS was
       FROM sla_clocks
       WHERE stopped_at IS NULL AND (${MARKS.map(due).join(' OR ')})
       FOR UPDATE
     )
     UPDATE sla_clocks s SET ${MARKS.map(
       (m) => `${m.column} = CASE WHEN ${due(m)} THEN $1 ELSE ${m.column} END`,
     ).join(', ')}
     FROM due WHERE s.subject = due.subject AND s.clock = due.clock
     RETURNING ${COLUMNS.split(',')
       .map((c) => `s.${c.trim()}`)
       .join(', ')}, due.was`,
    [now],
  );
  const events: SlaEvent[] = [];
  for (const { was, ...clock } of won)
    MARKS.forEach((m, i) => {
      const at = (clock as unknown as Record<string, Date | null>)[MARK_FIELDS[i]!];
      if (was[i] === null && at) events.push({ mark: m.mark, at: now, clock: clock as SlaClock });
    });
  for (const event of events)
    for (const h of handlers)
      if (event.clock.subject.startsWith(h.prefix))
        await h
          .handler(app, event)
          .catch((err: unknown) =>
            app.log.warn({ err, subject: event.clock.subject, mark: event.mark }, 'SLA handler failed'),
          );
  if (events.length > 0) app.log.info({ events: events.length }, 'SLA marks recorded');
  return events;
}
