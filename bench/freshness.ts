/**
 * Tag freshness under load: events arrive through the HTTP API at a steady rate while the tag
 * freshness loop (as in the worker) keeps member features and tags current. Every half second one
 * member who is not yet a 分享达人 (≥ 3 shares in 14 days) gets three shares in the stream; the
 * figure is the time from sending those shares to the tag being on the member.
 *
 *   npm run bench:freshness -- [--members 23000] [--months 3] [--rate 1000] [--seconds 60] [--db embedded|postgres]
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApiKey } from '../apps/server/src/platform/auth/auth.service.ts';
import { cliCtx } from '../apps/server/src/platform/context.ts';
import { rows } from '../apps/server/src/platform/db/sql.ts';
import { derivedId } from '../apps/server/src/platform/ids.ts';
import { refreshTags, startTagFreshness } from '../apps/server/src/modules/intelligence/index.ts';
import { createServer } from '../apps/server/src/routes.ts';
import { benchApp, loadBenchDemo } from './bench-app.ts';
import { fmtInt, percentile, pick, seeded, table } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '23000' },
    months: { type: 'string', default: '3' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '60' },
    db: { type: 'string', default: 'embedded' },
  },
});

const TICK_MS = 100;
const IN_FLIGHT = 4;
const MARKER_EVERY_MS = 500;
const BACKGROUND = ['app_open', 'view_product', 'check_in', 'add_to_cart'] as const;
const SHARER = derivedId('tag', 'sharer');

async function main() {
  const rate = Number(args.rate);
  const seconds = Number(args.seconds);
  const { app, close } = await benchApp(args.db, 'linli-bench-fresh-');
  const server = await createServer(app);
  try {
    const now = new Date();
    await loadBenchDemo(app, Number(args.members), Number(args.months), now);
    await refreshTags(app, now);
    await server.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const { key } = await createApiKey(cliCtx(app, 'bench'), { name: 'bench', scopes: ['ingest'] });
    const everyone = await rows<{ id: string; external_id: string }>(
      app.database.pool,
      'SELECT id, external_id FROM members ORDER BY id',
    );
    const candidates = await rows<{ id: string; external_id: string }>(
      app.database.pool,
      `SELECT m.id, m.external_id FROM members m
       WHERE NOT EXISTS (SELECT 1 FROM member_tags t WHERE t.tag_id = $1 AND t.member_id = m.id) ORDER BY m.id`,
      [SHARER],
    );
    const r = seeded(7);
    let seq = 0;
    const event = (memberId: string, type: string) => ({
      id: `fresh-${seq++}`,
      memberId,
      type,
      occurredAt: new Date().toISOString(),
    });
    const post = async (items: object[]) => {
      const res = await fetch(`${base}/api/v1/ingest/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ items }),
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    };

    let sent = 0;
    let markers = 0;
    let lastSend = performance.now();
    const freshness = startTagFreshness(app);
    const pending = new Map<string, number>(); // member id → when its shares were sent
    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling || pending.size > 0) {
        await new Promise((res) => setTimeout(res, 50));
        if (pending.size === 0) continue;
        const tagged = await rows<{ member_id: string }>(
          app.database.pool,
          'SELECT member_id FROM member_tags WHERE tag_id = $1 AND member_id = ANY($2)',
          [SHARER, [...pending.keys()]],
        );
        const at = performance.now();
        for (const t of tagged) {
          latencies.push(at - pending.get(t.member_id)!);
          pending.delete(t.member_id);
        }
        if (!polling && at - lastSend > 30_000) break;
      }
    })();

    const start = performance.now();
    const perTick = Math.round((rate * TICK_MS) / 1000);
    const inFlight = new Set<Promise<void>>();
    for (let tick = 0; (tick * TICK_MS) / 1000 < seconds; tick++) {
      const due = start + tick * TICK_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      const items: object[] = [];
      let marker: string | null = null;
      if ((tick * TICK_MS) % MARKER_EVERY_MS === 0 && markers < candidates.length) {
        const m = candidates[markers++]!;
        marker = m.id;
        for (let i = 0; i < 3; i++) items.push(event(m.external_id, 'share'));
      }
      while (items.length < perTick) items.push(event(pick(r, everyone).external_id, pick(r, BACKGROUND)));
      const sentAt = performance.now();
      // a few requests in flight, as several clients would send them, so a slow answer does not
      // lower the offered rate
      const request = post(items).then(() => {
        if (marker) pending.set(marker, sentAt);
        sent += items.length;
        lastSend = performance.now();
        inFlight.delete(request);
      });
      inFlight.add(request);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - start) / 1000;
    polling = false;
    await poller;
    await freshness.stop();

    const within5 = latencies.filter((l) => l <= 5_000).length;
    console.log(
      `\n${fmtInt(everyone.length)} members (${app.database.kind}); ${fmtInt(sent)} events in ${elapsed.toFixed(1)} s = ${fmtInt(sent / elapsed)} events/s`,
    );
    console.log(
      table(
        ['measure', 'value'],
        [
          ['members given 3 shares (markers)', fmtInt(markers)],
          ['tagged 分享达人', `${fmtInt(latencies.length)} (${fmtInt(pending.size)} never)`],
          ['event → tag, p50', `${(percentile(latencies, 50) / 1000).toFixed(2)} s`],
          ['event → tag, p95 (goal ≤ 5 s)', `${(percentile(latencies, 95) / 1000).toFixed(2)} s`],
          ['event → tag, max', `${(Math.max(...latencies) / 1000).toFixed(2)} s`],
          ['within 5 s', `${((within5 / Math.max(1, latencies.length)) * 100).toFixed(1)} %`],
        ],
      ),
    );
  } finally {
    await server.close();
    await close();
  }
}

await main();
