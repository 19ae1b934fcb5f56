import type { App } from '../../platform/context.ts';
import { clearChangedDays, earliestChangedDay } from '../../platform/db/changed-days.ts';
import { withTransaction } from '../../platform/db/sql.ts';
import { inTurn } from '../../platform/in-turn.ts';
import { addDays, shanghaiDay, shanghaiMidnight } from './overview-rules.ts';
import { assembleKpiDays } from './rollup-rules.ts';
import * as repo from './rollups.repo.ts';

export interface RefreshResult {
  since: string;
  until: string;
  kpiRows: number;
  ms: number;
}

/** 'changed': from the earliest day marked changed (nothing when none); 'all': the whole history. */
export type RefreshFrom = 'changed' | 'all' | string;

const oneAtATime = inTurn();

/**
 * Recomputes the dashboard rollups from a day onwards: member-days, daily and weekly KPIs per
 * community, and product sales per day. Runs one at a time per process; each phase is its own
 * transaction, so readers wait at most for one phase (the embedded database has one backend).
 */
export function refreshRollups(
  app: App,
  from: RefreshFrom = 'changed',
  now = new Date(),
): Promise<RefreshResult | null> {
  return oneAtATime(() => refresh(app, from, now));
}

async function refresh(app: App, from: RefreshFrom, now: Date): Promise<RefreshResult | null> {
  const startedAt = new Date();
  const t0 = performance.now();
  const sinceDay = await startDay(app, from);
  if (!sinceDay) return null;
  const until = shanghaiDay(now);
  const since = shanghaiMidnight(sinceDay);
  const weekStart = mondayOf(sinceDay);

  await withTransaction(app.database, async (tx) => repo.rebuildActivityDays(tx, sinceDay, since));
  const [sales, newMembers, base, active1d, changes7, changes30, buyersW, activeW] = await Promise.all([
    repo.dailySales(app.database.pool, since),
    repo.dailyNewMembers(app.database.pool, since),
    repo.membersJoinedBefore(app.database.pool, since),
    repo.dailyActive(app.database.pool, sinceDay),
    repo.activeWindowChanges(app.database.pool, sinceDay, 7),
    repo.activeWindowChanges(app.database.pool, sinceDay, 30),
    repo.weeklyBuyers(app.database.pool, shanghaiMidnight(weekStart)),
    repo.weeklyActive(app.database.pool, weekStart),
  ]);
  const rows = assembleKpiDays({
    since: sinceDay,
    until: until < sinceDay ? sinceDay : until,
    base,
    sales,
    newMembers,
    active1d,
    changes7,
    changes30,
  });
  const weeks = new Map<string, { week: string; communityId: string; buyers: number; active: number }>();
  const weekRow = (week: string, communityId: string) => {
    const k = `${communityId}\u0000${week}`;
    let w = weeks.get(k);
    if (!w) weeks.set(k, (w = { week, communityId, buyers: 0, active: 0 }));
    return w;
  };
  for (const b of buyersW) weekRow(b.week, b.community_id).buyers = b.buyers;
  for (const a of activeW) weekRow(a.week, a.community_id).active = a.active;
  await withTransaction(app.database, async (tx) => {
    await repo.replaceKpiDays(tx, sinceDay, rows);
    await repo.replaceKpiWeeks(tx, weekStart, [...weeks.values()]);
  });
  await withTransaction(app.database, async (tx) => repo.rebuildProductSales(tx, sinceDay, since));
  const ms = Math.round(performance.now() - t0);
  await repo.recordRefresh(app.database.pool, startedAt, sinceDay, ms);
  await clearChangedDays(app.database.pool, startedAt, sinceDay, until);
  app.log.info({ since: sinceDay, rows: rows.length, ms }, 'dashboard rollups refreshed');
  return { since: sinceDay, until, kpiRows: rows.length, ms };
}

async function startDay(app: App, from: RefreshFrom): Promise<string | null> {
  if (from === 'changed') return earliestChangedDay(app.database.pool);
  if (from === 'all') {
    const earliest = await repo.earliestFact(app.database.pool);
    return earliest ? shanghaiDay(earliest) : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from))
    throw new Error(`refresh from ${from}: expected YYYY-MM-DD, 'changed' or 'all'`);
  return from;
}

/** The Monday on or before a day. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

export { lastRefresh } from './rollups.repo.ts';
