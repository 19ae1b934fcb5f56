/**
 * Tag benchmark: a full recompute of the whole tag catalogue over the per-member features, next to
 * the raw one-query per-member feature scan over orders and events it replaces, on a demo community.
 *
 *   npm run bench:tags -- [--members 23000] [--months 12] [--db embedded|postgres]
 */
import { parseArgs } from 'node:util';
import { EVENT_TYPES, EVENT_WINDOWS } from '@linli/contracts';
import { fetchRows, sql } from '../apps/server/src/platform/db/fragments.ts';
import { eventKpis } from '../apps/server/src/modules/activity/index.ts';
import { orderKpis } from '../apps/server/src/modules/commerce/index.ts';
import {
  fitMemberValues,
  fitPersonas,
  recomputeTags,
  refreshTags,
} from '../apps/server/src/modules/intelligence/index.ts';
import { benchApp, loadBenchDemo, timed } from './bench-app.ts';
import { fmtInt, table } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '23000' },
    months: { type: 'string', default: '12' },
    db: { type: 'string', default: 'embedded' },
  },
});

async function main() {
  const { app, close } = await benchApp(args.db, 'linli-bench-tags-');
  try {
    const now = new Date();
    await loadBenchDemo(app, Number(args.members), Number(args.months), now);
    // the reference: every member's aggregates computed straight from orders and events, one query
    const [, rawScan] = await timed(() =>
      fetchRows(
        app.database.pool,
        sql`SELECT count(*) FROM (SELECT * FROM (${orderKpis.memberOrderAggregatesFragment(now)}) o
              FULL JOIN (${eventKpis.memberEventAggregatesFragment(now, EVENT_TYPES, EVENT_WINDOWS)}) e USING (member_id)) x`,
      ),
    );
    // the models first, so the model tags have scores to read
    const [personas, personaS] = await timed(() => fitPersonas(app, { now }));
    const [values, valueS] = await timed(() => fitMemberValues(app, { now }));
    const [first, full] = await timed(() => refreshTags(app, now));
    const [again, steady] = await timed(() => refreshTags(app, now));
    const [recomputed, recompute] = await timed(() => recomputeTags(app, now));
    const [counts] = await fetchRows<{ members: number; orders: number; events: number }>(
      app.database.pool,
      sql`SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM orders)::int AS orders,
                 (SELECT count(*) FROM events)::int AS events`,
    );
    console.log(
      `\n${fmtInt(counts!.members)} members, ${fmtInt(counts!.orders)} orders, ${fmtInt(counts!.events)} events (${app.database.kind})`,
    );
    console.log(
      table(
        ['step', 'seconds', 'notes'],
        [
          ['raw per-member feature scan (reference)', rawScan.toFixed(1), 'one query over orders and events'],
          [
            `reconcile, first (features + ${first.tags} tags)`,
            full.toFixed(1),
            `${fmtInt(first.entered)} memberships entered`,
          ],
          [
            'reconcile, again',
            steady.toFixed(1),
            `${fmtInt(again.repaired)} feature rows repaired, ${fmtInt(again.entered)} entered, ${fmtInt(again.left)} left`,
          ],
          [
            '  of which: member features rebuilt',
            (again.featuresMs / 1000).toFixed(1),
            'one statement, as the reference plus the diff and write',
          ],
          [
            `full recompute of all ${recomputed.tags} tags (one pass)`,
            recompute.toFixed(1),
            `reads members + member_features only (goal ≤ 1× the reference: ${(recompute / rawScan).toFixed(2)}×)`,
          ],
          [
            'personas (features + k-means, k by silhouette)',
            personaS.toFixed(1),
            `k = ${personas.k}, ${fmtInt(personas.members)} members`,
          ],
          [
            'member values (BG/NBD + Gamma-Gamma + quadrant)',
            valueS.toFixed(1),
            `${fmtInt(values.members)} members`,
          ],
        ],
      ),
    );
  } finally {
    await close();
  }
}

await main();
