/**
 * Opinion intake under load: messages arrive one per HTTP request at a steady rate (as a monitoring
 * tool's webhook would send them) while the module's background loop runs as in the worker. Twice a
 * second one of them is a new level-3 complaint about its own thread; the figure is the time from
 * sending it to its incident being listed on the incident board (`GET /api/v1/opinion/incidents`,
 * polled every 100 ms). The console's board looks again every 5 s on top of this.
 *
 *   npm run bench:opinion -- [--rate 100] [--seconds 60] [--members 3000] [--db embedded|postgres]
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApiKey } from '../apps/server/src/platform/auth/auth.service.ts';
import { cliCtx } from '../apps/server/src/platform/context.ts';
import { rows } from '../apps/server/src/platform/db/sql.ts';
import { startOpinionJobs } from '../apps/server/src/modules/opinion/index.ts';
import { createServer } from '../apps/server/src/routes.ts';
import { benchApp, loadBenchDemo } from './bench-app.ts';
import { fmtInt, percentile, pick, seeded, table } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    members: { type: 'string', default: '3000' },
    db: { type: 'string', default: 'embedded' },
  },
});

const MARKER_EVERY_MS = 500;
const POLL_MS = 100;

/** Everyday traffic: questions, praise, mild and real complaints (levels 0–2). */
const BACKGROUND = [
  '团长，明天的草莓还有吗？想订两盒',
  '今天的西瓜很甜，下次还买',
  '这个价格简直要报警了哈哈哈，太便宜了',
  '香蕉有点青，放两天就好了，没事',
  '今天的草莓底下有两颗烂了，能帮忙反馈一下吗？',
  '西红柿都长毛了，有点失望',
  '小程序上显示9.9，付款的时候变成12.9了，是怎么回事？',
  '说好下午三点到，现在五点了还没送到',
  '第三次买到烂草莓了！！！这次必须退款',
  '退款申请一周了还没到账，客服也不回',
  '称了一下，两斤的排骨只有一斤六两',
] as const;
/** New crises: each names its own thread, so each opens an incident. */
const CRISES = [
  '孩子吃了昨天买的卤鸭，晚上上吐下泻，已经送医了',
  '凉皮里吃出一块碎玻璃！！！',
  '我们楼二十多户吃了你们的熟食都拉肚子，已经打了12315',
  '团长收了我们三十多户的预付款跑路了！',
] as const;

async function main() {
  const rate = Number(args.rate);
  const seconds = Number(args.seconds);
  // a monitoring tool at 100 messages/s is far above the default per-key rate limit
  const { app, close } = await benchApp(args.db, 'linli-bench-opinion-', {
    LINLI_RATE_LIMIT_PER_MINUTE: '10000000',
  });
  const server = await createServer(app);
  const jobs = startOpinionJobs(app);
  try {
    await loadBenchDemo(app, Number(args.members), 1, new Date());
    await server.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const { key } = await createApiKey(cliCtx(app, 'bench'), { name: 'bench', scopes: ['ingest', 'read'] });
    const members = await rows<{ id: string; sku: string }>(
      app.database.pool,
      `SELECT m.external_id AS id, min(i.sku) AS sku FROM members m
       JOIN orders o ON o.member_id = m.id JOIN order_items i ON i.order_id = o.id GROUP BY m.external_id LIMIT 2000`,
    );
    const r = seeded(11);
    let seq = 0;
    const message = (marker: boolean) => {
      const m = pick(r, members);
      seq++;
      return marker
        ? {
            source: 'social_post',
            id: `b-${seq}`,
            text: `${pick(r, CRISES)}（${seq}）`,
            threadId: `crisis-${seq}`,
          }
        : {
            source: pick(r, ['review', 'group_message', 'cs_message', 'complaint'] as const),
            id: `b-${seq}`,
            text: `${pick(r, BACKGROUND)} #${seq}`,
            memberId: m.id,
            ...(r() < 0.5 ? { sku: m.sku } : {}),
          };
    };

    // the board, as a console would read it, but every 100 ms: when did each incident first show?
    const firstSeen = new Map<string, number>();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const res = await fetch(`${base}/api/v1/opinion/incidents?level=3&limit=500`, {
          headers: { 'x-api-key': key },
        });
        const body = (await res.json()) as { items?: Array<{ id: string }> };
        const at = performance.now();
        for (const i of body.items ?? []) if (!firstSeen.has(i.id)) firstSeen.set(i.id, at);
        await new Promise((res) => setTimeout(res, POLL_MS));
      }
    })();

    const post: number[] = [];
    const markers: Array<{ sent: number; incident: string | null }> = [];
    let errors = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const send = async (marker: boolean) => {
      const sent = performance.now();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const res = await fetch(`${base}/api/v1/opinion/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: JSON.stringify({ items: [message(marker)] }),
        });
        const body = (await res.json()) as { messages?: Array<{ incidentId: string | null; level: number }> };
        if (res.status !== 200) errors++;
        post.push(performance.now() - sent);
        if (marker) markers.push({ sent, incident: body.messages?.[0]?.incidentId ?? null });
      } catch {
        errors++;
      } finally {
        inFlight--;
      }
    };

    const start = performance.now();
    const pending: Promise<void>[] = [];
    let sentCount = 0;
    let lastMarker = start;
    while (performance.now() - start < seconds * 1000) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      while (sentCount < due) {
        const marker = performance.now() - lastMarker >= MARKER_EVERY_MS;
        if (marker) lastMarker = performance.now();
        pending.push(send(marker));
        sentCount++;
      }
      await new Promise((res) => setTimeout(res, 5));
    }
    await Promise.all(pending);
    const elapsed = (performance.now() - start) / 1000;
    // the last markers get a moment to show
    await new Promise((res) => setTimeout(res, 1_000));
    polling = false;
    await poller;

    const seen = markers.filter((m) => m.incident && firstSeen.has(m.incident));
    const toBoard = seen.map((m) => firstSeen.get(m.incident!)! - m.sent);
    const ms = (x: number) => `${fmtInt(x)} ms`;
    const stats = await rows<{ messages: number; incidents: number; level3: number }>(
      app.database.pool,
      `SELECT (SELECT count(*) FROM opinion_messages)::int AS messages, (SELECT count(*) FROM opinion_incidents)::int AS incidents,
         (SELECT count(*) FROM opinion_incidents WHERE level = 3)::int AS level3`,
    );
    console.log(
      `\nopinion intake on ${args.db}: ${fmtInt(sentCount)} messages in ${elapsed.toFixed(1)} s (${(sentCount / elapsed).toFixed(1)}/s asked ${rate}/s), ${errors} errors, up to ${maxInFlight} requests in flight`,
    );
    console.log(
      `stored: ${fmtInt(stats[0]!.messages)} messages, ${fmtInt(stats[0]!.incidents)} incidents (${fmtInt(stats[0]!.level3)} at level 3)\n`,
    );
    console.log(
      table(
        ['figure', 'n', 'p50', 'p95', 'max'],
        [
          [
            'POST → answered (every message)',
            fmtInt(post.length),
            ms(percentile(post, 50)),
            ms(percentile(post, 95)),
            ms(Math.max(...post)),
          ],
          [
            'POST → level-3 incident on the board',
            `${fmtInt(seen.length)}/${fmtInt(markers.length)}`,
            ms(percentile(toBoard, 50)),
            ms(percentile(toBoard, 95)),
            ms(Math.max(...toBoard)),
          ],
        ],
      ),
    );
  } finally {
    await jobs.stop();
    await server.close();
    await close();
  }
}

await main();
