import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createServerDatabase } from '../../../test/harness.ts';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../platform/config.ts';
import { cliCtx, type App } from '../../platform/context.ts';
import { sweepSla } from '../../platform/sla.ts';
import { createUser } from '../../platform/auth/auth.service.ts';
import { ingestMessages } from './intake.service.ts';
import { deliverWecom } from './notify.service.ts';
import { TEXTS } from './opinion.fixture.ts';
import { putSettings } from './settings.service.ts';
import { reconcileSla, registerSlaHandler } from './sla.service.ts';

const MIN = 60_000;

/** A stand-in for the WeCom group robot that checks what the real one checks. */
function startRobot(key: string) {
  const received: Array<{ content: string }> = [];
  let failNext = 0;
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://robot');
      const answer = (body: object) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') return res.writeHead(404).end();
      if (url.searchParams.get('key') !== key)
        return answer({ errcode: 93000, errmsg: 'invalid webhook url' });
      if (!String(req.headers['content-type']).startsWith('application/json'))
        return answer({ errcode: 40008, errmsg: 'invalid message type' });
      let body: { msgtype?: string; markdown?: { content?: unknown } };
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        return answer({ errcode: 40001, errmsg: 'invalid json' });
      }
      if (body.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string' || !body.markdown.content)
        return answer({ errcode: 40008, errmsg: 'invalid message type' });
      if (Buffer.byteLength(body.markdown.content) > 4096)
        return answer({ errcode: 40058, errmsg: 'content exceed max length' });
      if (failNext > 0) {
        failNext--;
        return answer({ errcode: 45009, errmsg: 'api freq out of limit' });
      }
      received.push({ content: body.markdown.content });
      answer({ errcode: 0, errmsg: 'ok' });
    });
  });
  return {
    received,
    failTimes: (n: number) => (failNext = n),
    async start() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=${key}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('opinion SLA: warnings, breach and escalation exactly once, across restarts, to the WeCom robot', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-sla-'));
  const key = randomBytes(32).toString('hex');
  const robot = startRobot('ROBOT-KEY-1');
  let server: Awaited<ReturnType<typeof createServerDatabase>>;
  let app: App;
  let robotUrl = '';
  const open = () =>
    createApp(
      loadConfig({
        LINLI_DATA_DIR: dir,
        DATABASE_URL: server?.url ?? '',
        LINLI_SECRET_KEY: key,
        LINLI_LOG_LEVEL: 'silent',
      }),
      { logLevel: 'silent' },
    );
  const take = async (id: string, text: string, extra: object = {}) => {
    const r = await ingestMessages(cliCtx(app, 'test'), [{ source: 'complaint', id, text, ...extra }]);
    return r.messages[0]!.incidentId!;
  };
  const incident = async (id: string) =>
    (
      await app.database.pool.query<{ level: number; escalations: number; owner_role: string }>(
        'SELECT level, escalations, owner_role FROM opinion_incidents WHERE id = $1',
        [id],
      )
    ).rows[0]!;
  const timeline = async (id: string) =>
    (
      await app.database.pool.query<{ kind: string; detail: Record<string, unknown> }>(
        'SELECT kind, detail FROM opinion_timeline WHERE incident_id = $1 ORDER BY at, id',
        [id],
      )
    ).rows;

  beforeAll(async () => {
    server = await createServerDatabase();
    app = await open();
    registerSlaHandler();
    robotUrl = await robot.start();
    const ctx = cliCtx(app, 'test');
    await createUser(ctx, { username: 'ceo', password: 'correct-horse-1', roles: ['executive'] });
    await putSettings(ctx, { wecomWebhookUrl: robotUrl, oncallExecutive: 'ceo' });
  });
  afterAll(async () => {
    await app?.database.close();
    await robot.close();
    await server?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('warns at 50 % and 80 % and on breach escalates one level, each once', async () => {
    const t0 = Date.now();
    const id = await take('sla-1', TEXTS.l1);
    expect(await incident(id)).toMatchObject({ level: 1 });
    await sweepSla(app, new Date(t0 + 5 * MIN));
    expect((await timeline(id)).filter((e) => e.kind.startsWith('sla'))).toEqual([]);
    await sweepSla(app, new Date(t0 + 8 * MIN));
    await sweepSla(app, new Date(t0 + 8 * MIN));
    await sweepSla(app, new Date(t0 + 12.5 * MIN));
    let kinds = (await timeline(id)).filter((e) => e.kind === 'sla_warning').map((e) => e.detail.share);
    expect(kinds).toEqual([50, 80]);
    expect(
      await count(
        app,
        "SELECT count(*) FROM opinion_notifications WHERE incident_id = $1 AND kind = 'sla_warning' AND channel = 'console'",
        [id],
      ),
    ).toBe(2);
    expect(
      await count(
        app,
        "SELECT count(*) FROM opinion_notifications WHERE incident_id = $1 AND channel = 'wecom'",
        [id],
      ),
    ).toBe(0);

    await sweepSla(app, new Date(t0 + 15.5 * MIN));
    await sweepSla(app, new Date(t0 + 16 * MIN));
    expect(await incident(id)).toMatchObject({ level: 2, escalations: 1, owner_role: 'customer_service' });
    const breach = (await timeline(id)).filter((e) => ['sla_breach', 'escalated'].includes(e.kind));
    expect(breach.map((e) => e.kind)).toEqual(['sla_breach', 'escalated']);
    expect(breach[1]!.detail).toMatchObject({ from: 1, to: 2, cause: 'sla_breach' });
    const notices = await app.database.pool.query<{ channel: string; recipient: string | null }>(
      "SELECT channel, recipient FROM opinion_notifications WHERE incident_id = $1 AND kind = 'sla_breach' ORDER BY channel",
      [id],
    );
    expect(notices.rows).toEqual([
      { channel: 'console', recipient: null },
      { channel: 'user', recipient: 'ceo' },
      { channel: 'wecom', recipient: null },
    ]);
    // the level-2 clock runs from the escalation: 2 hours
    const clocks = await app.database.pool.query<{ clock: string; due: Date; stopped: Date | null }>(
      'SELECT clock, due_at AS due, stopped_at AS stopped FROM sla_clocks WHERE subject = $1 ORDER BY started_at',
      [`opinion:incident:${id}`],
    );
    expect(clocks.rows.map((c) => [c.clock, c.stopped !== null])).toEqual([
      ['acknowledge', true],
      ['resolve', false],
    ]);
    expect(clocks.rows[1]!.due.getTime()).toBe(t0 + 15.5 * MIN + 120 * MIN);
    kinds = (await timeline(id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'sla_breach')).toHaveLength(1);
  });

  it('delivers to the operations group by the robot protocol, retrying a refusal', async () => {
    robot.failTimes(1);
    // the notice is dated at the breach, which the sweep put 15 minutes ahead
    const now = new Date(Date.now() + 20 * MIN);
    const first = await deliverWecom(app, { now });
    expect(first).toMatchObject({ sent: 0, retrying: 1 });
    const [row] = (
      await app.database.pool.query<{ status: string; attempts: number; last_error: string; next: Date }>(
        "SELECT status, attempts, last_error, next_attempt_at AS next FROM opinion_notifications WHERE channel = 'wecom' AND kind = 'sla_breach'",
      )
    ).rows;
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'errcode 45009: api freq out of limit',
    });
    expect(await deliverWecom(app, { now })).toMatchObject({ sent: 0, retrying: 0 });
    const later = await deliverWecom(app, { now: new Date(row!.next.getTime() + 1) });
    expect(later).toMatchObject({ sent: 1 });
    expect(robot.received).toHaveLength(1);
    expect(robot.received[0]!.content).toContain('已升级为二级响应');
    expect(await deliverWecom(app, { now: new Date(Date.now() + 3_600_000) })).toMatchObject({
      sent: 0,
      failed: 0,
    });
  });

  it('gives a refused notice up after its attempts, with the reason', async () => {
    await putSettings(cliCtx(app, 'test'), {
      wecomWebhookUrl: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=ROBOT-KEY-1',
    });
    const id = await take('sla-dead', TEXTS.l3, { threadId: 'dead-1' });
    let at = Date.now();
    for (let i = 0; i < 6; i++) {
      await deliverWecom(app, { now: new Date(at) });
      at += 10 * MIN;
    }
    const [row] = (
      await app.database.pool.query<{ status: string; attempts: number; last_error: string }>(
        "SELECT status, attempts, last_error FROM opinion_notifications WHERE channel = 'wecom' AND incident_id = $1",
        [id],
      )
    ).rows;
    expect(row).toMatchObject({ status: 'failed', attempts: 6 });
    expect(row!.last_error).toMatch(/ECONNREFUSED|fetch failed/);
    await putSettings(cliCtx(app, 'test'), { wecomWebhookUrl: robotUrl });
  });

  it('escalates once when two sweeps run at the same moment', async () => {
    const t0 = Date.now();
    const id = await take('sla-2', TEXTS.l2, { threadId: 'two-sweeps' });
    expect(await incident(id)).toMatchObject({ level: 2 });
    const due = new Date(t0 + 121 * MIN);
    const [a, b] = await Promise.all([sweepSla(app, due), sweepSla(app, due)]);
    const mine = (evs: Awaited<ReturnType<typeof sweepSla>>) =>
      evs.filter((e) => e.clock.subject.endsWith(id)).map((e) => e.mark);
    expect([...mine(a), ...mine(b)].sort()).toEqual(['breach', 'warn50', 'warn80']);
    expect(await incident(id)).toMatchObject({ level: 3, escalations: 1, owner_role: 'executive' });
    expect(
      await count(
        app,
        "SELECT count(*) FROM opinion_timeline WHERE incident_id = $1 AND kind = 'escalated'",
        [id],
      ),
    ).toBe(1);
    expect(
      await count(app, "SELECT count(*) FROM audit_log WHERE entity_id = $1 AND action = 'sla_breach'", [id]),
    ).toBe(1);
    expect(
      await count(
        app,
        "SELECT count(*) FROM opinion_notifications WHERE incident_id = $1 AND kind = 'sla_breach' AND channel = 'wecom'",
        [id],
      ),
    ).toBe(1);
  });

  it('keeps its clocks over a restart and still breaches once; a mark a crash left unhandled is acted on', async () => {
    const t0 = Date.now();
    const id = await take('sla-3', TEXTS.l1.replace('两颗', '三颗'), { threadId: 'restart' });
    await app.database.close();
    app = await open();
    const due = new Date(t0 + 16 * MIN);
    await sweepSla(app, due);
    await sweepSla(app, due);
    expect(await incident(id)).toMatchObject({ level: 2, escalations: 1 });
    expect(
      await count(
        app,
        "SELECT count(*) FROM opinion_timeline WHERE incident_id = $1 AND kind = 'sla_breach'",
        [id],
      ),
    ).toBe(1);

    // a mark recorded by a process that died before acting on it (handlers run after the mark)
    const id2 = await take('sla-4', TEXTS.l2, { threadId: 'crash' });
    await app.database.pool.query(
      `UPDATE sla_clocks SET warned_50_at = $2, warned_80_at = $2, breached_at = $2 WHERE subject = $1`,
      [`opinion:incident:${id2}`, new Date(Date.now() - 2 * MIN)],
    );
    expect(await reconcileSla(app)).toBe(3);
    expect(await reconcileSla(app)).toBe(0);
    expect(await incident(id2)).toMatchObject({ level: 3, escalations: 1 });
    await sweepSla(app, new Date(Date.now() + 200 * MIN));
    expect(
      await count(
        app,
        "SELECT count(*) FROM opinion_timeline WHERE incident_id = $1 AND kind = 'escalated'",
        [id2],
      ),
    ).toBe(1);
  });
});
