/**
 * Text scoring in the platform: real reviews from the sentiment corpora arrive as review and
 * complaint events (the trigger queues them), the scorer drains the queue (analysis + risk words +
 * writes), and the freshness round brings the authors' features and emotion tags up to date. Then,
 * with the worker's loops running, complaints that should raise 食品安全担忧 arrive one by one and
 * the figure is the time from the ingest call to the tag being on the member.
 *
 *   npm run bench:text-scoring -- [--texts 20000] [--members 2000] [--markers 20] [--db embedded|postgres]
 */
import { parseArgs } from 'node:util';
import { cliCtx } from '../apps/server/src/platform/context.ts';
import { rows } from '../apps/server/src/platform/db/sql.ts';
import { ingestEvents } from '../apps/server/src/modules/activity/index.ts';
import {
  refreshChangedMembers,
  refreshTags,
  startTagFreshness,
} from '../apps/server/src/modules/intelligence/index.ts';
import { drainTextQueue, startTextScoring } from '../apps/server/src/modules/text/index.ts';
import { CORPORA, hasCorpora, readCorpus } from '../packages/text/src/corpus.fixture.ts';
import { benchApp, timed } from './bench-app.ts';
import { fmtInt, percentile, seeded, table } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    texts: { type: 'string', default: '20000' },
    members: { type: 'string', default: '2000' },
    markers: { type: 'string', default: '20' },
    db: { type: 'string', default: 'embedded' },
  },
});

const BATCH = 1000;
const MARKER_TEXT = '孩子吃了以后上吐下泻，我要投诉到12315';

async function main() {
  if (!hasCorpora) throw new Error('bench:text-scoring needs ../shared/data/sentiment');
  const n = Number(args.texts);
  const members = Number(args.members);
  const texts = CORPORA.flatMap((c) => readCorpus(c.name)).filter((r) => r.text.trim() !== '');
  const r = seeded(11);
  const now = Date.now();
  const items = Array.from({ length: n }, (_, i) => {
    const review = texts[Math.floor(r() * texts.length)]!;
    return {
      id: `bench-text-${i}`,
      memberId: `bench-m${Math.floor(r() * members)}`,
      type: review.label === 0 && r() < 0.3 ? 'complaint' : 'review',
      occurredAt: new Date(now - Math.floor(r() * 30 * 86_400_000)).toISOString(),
      text: review.text,
    };
  });
  const chars = items.reduce((s, x) => s + x.text.length, 0);

  const { app, close } = await benchApp(args.db, 'linli-bench-text-');
  try {
    const ctx = cliCtx(app, 'bench');
    await refreshTags(app); // the catalogue exists before the texts arrive
    const [, ingestS] = await timed(async () => {
      for (let i = 0; i < items.length; i += BATCH) await ingestEvents(ctx, items.slice(i, i + BATCH));
    });
    await app.database.pool.query('ANALYZE');
    const [scored, scoreS] = await timed(() => drainTextQueue(app));
    const [, tagsS] = await timed(async () => {
      while ((await refreshChangedMembers(app)) > 0);
    });
    const [tagged] = await rows<{ n: number }>(
      app.database.pool,
      `SELECT count(DISTINCT member_id)::int AS n FROM member_tags mt JOIN tag_definitions d ON d.id = mt.tag_id
       WHERE d.key IN ('negative_review_30d', 'unhappy_delivery', 'unhappy_freshness', 'loyal_praiser')`,
    );

    // latency with the worker's loops running
    const scoring = startTextScoring(app, 250);
    const freshness = startTagFreshness(app, 250);
    const latencies: number[] = [];
    for (let k = 0; k < Number(args.markers); k++) {
      const memberId = `bench-marker-${k}`;
      const t0 = performance.now();
      await ingestEvents(ctx, [
        {
          id: `bench-marker-${k}`,
          memberId,
          type: 'complaint',
          occurredAt: new Date().toISOString(),
          text: MARKER_TEXT,
        },
      ]);
      // a complaint that never gets the tag would otherwise stall the run: give up after a minute
      while (performance.now() - t0 < 60_000) {
        const [hit] = await rows<{ n: number }>(
          app.database.pool,
          `SELECT count(*)::int AS n FROM member_tags mt JOIN tag_definitions d ON d.id = mt.tag_id
           JOIN members m ON m.id = mt.member_id WHERE d.key = 'food_safety_concern' AND m.external_id = $1`,
          [memberId],
        );
        if (hit!.n > 0) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      latencies.push((performance.now() - t0) / 1000);
    }
    await scoring.stop();
    await freshness.stop();

    console.log(
      `\nText scoring in the platform (${args.db}): ${fmtInt(n)} real reviews (${fmtInt(chars)} characters) from ${fmtInt(members)} members\n`,
    );
    console.log(
      table(
        ['step', 'seconds', 'per second'],
        [
          ['ingest (events + queue trigger)', ingestS.toFixed(1), `${fmtInt(n / ingestS)} texts`],
          [
            'score queue (analysis, risk words, writes)',
            scoreS.toFixed(1),
            `${fmtInt(scored / scoreS)} texts`,
          ],
          ['features + tags of the authors', tagsS.toFixed(1), `${fmtInt(members / tagsS)} members`],
        ],
      ),
    );
    console.log(`members with a text-based emotion tag: ${fmtInt(tagged!.n)}`);
    console.log(
      `\ncomplaint → 食品安全担忧 on the member, worker loops running (${latencies.length} complaints): ` +
        `p50 ${percentile(latencies, 50).toFixed(2)} s, p95 ${percentile(latencies, 95).toFixed(2)} s, max ${Math.max(...latencies).toFixed(2)} s`,
    );
  } finally {
    await close();
  }
}

await main();
