/** Pure assembly of the daily KPI rows from the pieces the refresh queries return (no IO). */
import { addDays } from './overview-rules.ts';

export const ALL = '*';

export interface KpiDay {
  day: string;
  communityId: string;
  members: number;
  newMembers: number;
  orders: number;
  buyers: number;
  gmvFen: number;
  refundedOrders: number;
  refundedFen: number;
  active1d: number;
  active7d: number;
  active30d: number;
}

type Row = { day: string; community_id: string } & Record<string, string | number>;
export interface Change {
  day: string;
  community_id: string;
  change: number;
}

export interface Pieces {
  /** first and last day to produce, inclusive */
  since: string;
  until: string;
  /** members joined before `since`, per community and '*' */
  base: Array<{ community_id: string; members: number }>;
  sales: Row[];
  newMembers: Row[];
  active1d: Row[];
  /** interval changes of the 7- and 30-day active counts, per member community (no '*') */
  changes7: Change[];
  changes30: Change[];
}

export function calendar(since: string, until: string): string[] {
  const days: string[] = [];
  for (let d = since; d <= until; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * Running sums of interval changes for each day from `since` to `until`: every change dated before
 * `since` is already in effect on `since`. The '*' series is the sum over communities, which is
 * exact because every member belongs to exactly one community ('' when none).
 */
export function runningCounts(
  changes: Change[],
  since: string,
  until: string,
): Map<string, Map<string, number>> {
  const byCommunity = new Map<string, Change[]>();
  for (const c of changes) {
    if (c.community_id === ALL) continue;
    const list = byCommunity.get(c.community_id) ?? [];
    list.push(c);
    byCommunity.set(c.community_id, list);
  }
  const days = calendar(since, until);
  const out = new Map<string, Map<string, number>>();
  const all = new Map<string, number>(days.map((d) => [d, 0]));
  for (const [community, list] of byCommunity) {
    list.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const series = new Map<string, number>();
    let i = 0;
    let running = 0;
    for (const day of days) {
      while (i < list.length && list[i]!.day <= day) running += list[i++]!.change;
      series.set(day, running);
      all.set(day, all.get(day)! + running);
    }
    out.set(community, series);
  }
  out.set(ALL, all);
  return out;
}

const key = (community: string, day: string) => `${community}\u0000${day}`;

function indexRows(list: Row[]): Map<string, Row> {
  return new Map(list.map((r) => [key(r.community_id, r.day), r]));
}

export function assembleKpiDays(p: Pieces): KpiDay[] {
  const days = calendar(p.since, p.until);
  const sales = indexRows(p.sales);
  const joined = indexRows(p.newMembers);
  const active = indexRows(p.active1d);
  const w7 = runningCounts(p.changes7, p.since, p.until);
  const w30 = runningCounts(p.changes30, p.since, p.until);
  const communities = new Set<string>([ALL]);
  for (const list of [p.base, p.sales, p.newMembers, p.active1d, p.changes7, p.changes30])
    for (const r of list) communities.add(r.community_id);
  const base = new Map(p.base.map((b) => [b.community_id, b.members]));
  const out: KpiDay[] = [];
  for (const community of [...communities].sort()) {
    let members = base.get(community) ?? 0;
    for (const day of days) {
      const k = key(community, day);
      const s = sales.get(k);
      const newMembers = Number(joined.get(k)?.new_members ?? 0);
      members += newMembers;
      out.push({
        day,
        communityId: community,
        members,
        newMembers,
        orders: Number(s?.orders ?? 0),
        buyers: Number(s?.buyers ?? 0),
        gmvFen: Number(s?.gmv_fen ?? 0),
        refundedOrders: Number(s?.refunded_orders ?? 0),
        refundedFen: Number(s?.refunded_fen ?? 0),
        active1d: Number(active.get(k)?.active ?? 0),
        active7d: w7.get(community)?.get(day) ?? 0,
        active30d: w30.get(community)?.get(day) ?? 0,
      });
    }
  }
  return out;
}
