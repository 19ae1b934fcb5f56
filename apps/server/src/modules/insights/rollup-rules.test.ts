import { describe, expect, it } from 'vitest';
import { addDays } from './overview-rules.ts';
import { assembleKpiDays, runningCounts, type Change } from './rollup-rules.ts';

/** The interval changes the refresh SQL produces, written out by hand for one member. */
function changesOf(community: string, activeDays: string[], window: number): Change[] {
  const out: Change[] = [];
  activeDays.forEach((day, i) => {
    const next = activeDays[i + 1];
    const end = addDays(day, window);
    out.push({ day, community_id: community, change: 1 });
    out.push({ day: next && next < end ? next : end, community_id: community, change: -1 });
  });
  return out;
}

describe('rolling active counts from interval changes', () => {
  it('counts a member as 7-day active from each active day until a week has passed', () => {
    const changes = changesOf('c1', ['2026-03-01', '2026-03-02', '2026-03-10'], 7);
    const series = runningCounts(changes, '2026-03-01', '2026-03-17').get('c1')!;
    const active = [...series.entries()].filter(([, n]) => n > 0).map(([d]) => d);
    // 1–8 March (the 2nd covers through the 8th), then 10–16 March
    expect(active).toEqual([
      ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => `2026-03-${d}`),
      ...['10', '11', '12', '13', '14', '15', '16'].map((d) => `2026-03-${d}`),
    ]);
    expect(Math.max(...series.values())).toBe(1);
  });

  it('carries changes dated before the first day into it, and sums communities into *', () => {
    const changes = [
      ...changesOf('c1', ['2026-02-20'], 30),
      ...changesOf('c2', ['2026-03-05'], 30),
      ...changesOf('', ['2026-03-05'], 30),
    ];
    const counts = runningCounts(changes, '2026-03-01', '2026-03-22');
    expect(counts.get('c1')!.get('2026-03-01')).toBe(1);
    expect(counts.get('c1')!.get('2026-03-21')).toBe(1);
    expect(counts.get('c1')!.get('2026-03-22')).toBe(0);
    expect(counts.get('*')!.get('2026-03-05')).toBe(3);
    expect(counts.get('*')!.get('2026-03-04')).toBe(1);
  });

  it('adds the members joined before the first day to the running member total', () => {
    const rows = assembleKpiDays({
      since: '2026-03-01',
      until: '2026-03-03',
      base: [
        { community_id: 'c1', members: 10 },
        { community_id: '*', members: 10 },
      ],
      sales: [
        {
          day: '2026-03-02',
          community_id: 'c1',
          orders: 3,
          buyers: 2,
          gmv_fen: 900,
          refunded_orders: 1,
          refunded_fen: 100,
        },
      ],
      newMembers: [
        { day: '2026-03-02', community_id: 'c1', new_members: 2 },
        { day: '2026-03-02', community_id: '*', new_members: 2 },
      ],
      active1d: [],
      changes7: [],
      changes30: [],
    });
    const c1 = rows.filter((r) => r.communityId === 'c1');
    expect(c1.map((r) => r.members)).toEqual([10, 12, 12]);
    expect(c1[1]).toMatchObject({
      orders: 3,
      buyers: 2,
      gmvFen: 900,
      refundedOrders: 1,
      refundedFen: 100,
      newMembers: 2,
    });
    expect(rows.filter((r) => r.communityId === '*').map((r) => r.members)).toEqual([10, 12, 12]);
  });
});
