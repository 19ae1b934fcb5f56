import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/src/platform/auth/auth.service.ts';
import { errorsOf, painted } from './flows.ts';
import { addUser, loggedIn, shot, startConsole, type Console } from './harness.ts';

/** Public-opinion response in Chromium: the live board, an incident worked end to end, the dashboard, the member's survey page. */
describe('public-opinion response in Chromium', () => {
  let c: Console;
  let key: string;
  let buyer: { member: string; sku: string; order: string };
  const send = async (path: string, body: unknown) => {
    const res = await fetch(c.base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { messages: Array<{ incidentId: string | null; level: number }> };
  };
  const db = () => c.t.app.database.pool;

  beforeAll(async () => {
    c = await startConsole();
    await addUser(c, 'duty', ['operator']);
    await addUser(c, 'cs-li', ['customer_service']);
    ({ key } = await createApiKey(c.t.ctx, { name: 'e2e-opinion', scopes: ['ingest', 'read'] }));
    // a demo member's recent fruit order: the incident about it has buyers to trace
    const r = await db().query<{ member: string; sku: string; order: string }>(
      `SELECT m.external_id AS member, i.sku, o.external_id AS "order" FROM orders o
       JOIN order_items i ON i.order_id = o.id JOIN members m ON m.id = o.member_id
       WHERE o.pickup_point_id IS NOT NULL AND o.status <> 'cancelled'
       ORDER BY o.placed_at DESC LIMIT 1`,
    );
    buyer = r.rows[0]!;
  }, 300_000);
  afterAll(async () => {
    await c?.close();
  });

  it('shows a new level-3 message on the live board within seconds, with its clock in colour', async () => {
    const page = await loggedIn(c, 'duty');
    await page.goto(`${c.base}/opinion/board`);
    await page.waitForSelector('[data-testid=column-3]');
    const before = await page.locator('[data-testid=column-3] [data-testid=incident-card]').count();
    await send('/api/v1/opinion/messages', {
      items: [
        {
          source: 'complaint',
          id: 'e2e-l3',
          text: '孩子吃了昨天买的卤鸭，晚上上吐下泻，已经送医了',
          // a post of its own (a member's point would join the demo's own food-safety case there)
          threadId: 'wb-e2e-1',
        },
        {
          source: 'group_message',
          id: 'e2e-l2',
          text: '第三次买到烂草莓了！！！这次必须退款',
          threadId: 'grp-1',
        },
        {
          source: 'cs_message',
          id: 'e2e-l1a',
          text: '@团长 今天的草莓底下有两颗烂了，能帮忙反馈一下吗？',
          threadId: 'grp-2',
        },
        { source: 'review', id: 'e2e-l1b', text: '西红柿都长毛了，有点失望', threadId: 'grp-3' },
        {
          source: 'review',
          id: 'e2e-html',
          text: '<b>粗体</b><script>alert(1)</script> 送来的鸡蛋碎了三个，麻烦看看',
          threadId: 'grp-4',
        },
      ],
    });
    const arrived = Date.now();
    await expect
      .poll(() => page.locator('[data-testid=column-3] [data-testid=incident-card]').count(), {
        timeout: 10_000,
      })
      .toBe(before + 1);
    expect(Date.now() - arrived).toBeLessThan(8_000);
    // half and four fifths of two clocks gone: amber and red
    const clocks = await db().query<{ subject: string; clock: string }>(
      "SELECT c.subject, c.clock FROM sla_clocks c WHERE c.clock = 'acknowledge' AND c.stopped_at IS NULL ORDER BY c.subject LIMIT 2",
    );
    for (const [i, share] of [0.6, 0.85].entries()) {
      const cl = clocks.rows[i]!;
      await db().query(
        `UPDATE sla_clocks SET started_at = now() - make_interval(secs => $3), due_at = now() + make_interval(secs => $4)
         WHERE subject = $1 AND clock = $2`,
        [cl.subject, cl.clock, 15 * 60 * share, 15 * 60 * (1 - share)],
      );
    }
    const bands = async () =>
      new Set(
        await page
          .locator('[data-testid=sla]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-band'))),
      );
    await expect
      .poll(async () => [...(await bands())].sort(), { timeout: 12_000 })
      .toEqual(expect.arrayContaining(['amber', 'green', 'red']));
    await shot(c, page, 'opinion-1-board');
    expect(errorsOf(page)).toEqual([]);
  });

  it('works an incident: timeline, highlighted reasons, plain text, acknowledge, refund, resolve', async () => {
    const page = await loggedIn(c, 'duty');
    const l3 = (
      await db().query<{ incident_id: string }>(
        "SELECT incident_id FROM opinion_messages WHERE external_id = 'e2e-l3'",
      )
    ).rows[0]!.incident_id;
    await page.goto(`${c.base}/opinion/board`);
    await page.click(`[data-testid=column-3] a[href="/opinion/incidents/${l3}"]`);
    await page.waitForSelector('[data-testid=timeline]');
    await expect(page.locator('[data-testid=incident-owner]').innerText()).resolves.toBe('高管');
    await page.click('text=消息 (1)');
    await expect(page.locator('[data-testid=evidence]').count()).resolves.toBeGreaterThan(0);
    await shot(c, page, 'opinion-2-incident-messages');
    await page.click('[data-testid=action-acknowledge]');
    await expect.poll(() => page.locator('[data-testid=incident-status]').innerText()).toBe('已确认');
    await page.click('[data-testid=action-remedy]');
    await page.fill('.ant-modal input.ant-input-number-input', '38.5');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.click('[data-testid=action-resolve]');
    await page.click('[data-testid=resolve-code]');
    await page.click('.ant-select-item-option[title="已退款"]');
    await page.fill('[data-testid=action-note-text]', '已全额退款，客服回访');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await expect.poll(() => page.locator('[data-testid=incident-status]').innerText()).toBe('已解决');
    await page.click('text=处理记录');
    const timeline = await page.locator('[data-testid=timeline]').innerText();
    for (const step of ['创建事件', '已确认', '退款/补偿', '¥38.50', '已解决'])
      expect(timeline).toContain(step);
    await shot(c, page, 'opinion-3-incident-resolved');

    // a message with markup is shown as the characters it is
    const html = (
      await db().query<{ incident_id: string }>(
        "SELECT incident_id FROM opinion_messages WHERE external_id = 'e2e-html'",
      )
    ).rows[0]!.incident_id;
    await page.goto(`${c.base}/opinion/incidents/${html}`);
    await page.click('text=消息 (1)');
    await expect(page.locator('[data-testid=message-text]').innerText()).resolves.toContain(
      '<script>alert(1)</script>',
    );
    expect(await page.locator('[data-testid=messages] b').count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
  });

  it('lists the affected members of a product incident and offers the export', async () => {
    const r = await send('/api/v1/opinion/messages', {
      items: [
        {
          source: 'complaint',
          id: 'e2e-sku',
          text: '买的水果全都发霉了，里面还有虫，能帮忙看看吗',
          sku: buyer.sku,
          memberId: buyer.member,
          orderId: buyer.order,
        },
      ],
    });
    const id = r.messages[0]!.incidentId!;
    await db().query(
      "UPDATE opinion_incidents SET category = 'quality_freshness' WHERE id = $1 AND category NOT IN ('food_safety', 'quality_freshness')",
      [id],
    );
    const page = await loggedIn(c, 'duty');
    await page.goto(`${c.base}/opinion/incidents/${id}`);
    await page.click('text=受影响会员');
    await page.waitForSelector('[data-testid=affected-table] tbody tr.ant-table-row');
    expect(await page.locator('[data-testid=affected-table] tbody tr.ant-table-row').count()).toBeGreaterThan(
      0,
    );
    expect(await page.locator('[data-testid=affected-table]').innerText()).toMatch(/1\d{2}\*{4}\d{4}/);
    await expect(page.locator('[data-testid=affected-export]').getAttribute('href')).resolves.toContain(
      'affected.xlsx',
    );
    await shot(c, page, 'opinion-4-affected');
  });

  it('lets a member answer the survey on a phone, without logging in', async () => {
    const link = await fetch(`${c.base}/api/v1/opinion/nps/surveys`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': (await createApiKey(c.t.ctx, { name: 'nps', scopes: ['admin'] })).key,
      },
      body: JSON.stringify({ memberId: buyer.member, key: 'e2e' }),
    });
    const { token } = (await link.json()) as { token: string };
    const context = await c.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${c.base}/nps/${token}`);
    await page.waitForSelector('[data-testid=score-0]');
    await shot(c, page, 'opinion-5-nps-form');
    await page.click('[data-testid=score-3]');
    await page.fill('[data-testid=nps-reason]', '送货总是晚，草莓也不新鲜');
    await page.click('[data-testid=nps-submit]');
    await page.waitForSelector('[data-testid=nps-thanks]');
    await expect(page.locator('[data-testid=nps-page]').innerText()).resolves.toContain('客服会尽快联系您');
    await shot(c, page, 'opinion-6-nps-thanks');
    await page.goto(`${c.base}/nps/${token}`);
    await expect.poll(() => page.locator('[data-testid=nps-page]').innerText()).toContain('已经提交过');
    await context.close();
  });

  it('draws the dashboard: SLA attainment, response times, sources, the NPS trend against −15 → +42', async () => {
    const rows = ['答卷ID,会员ID,评分,提交时间'];
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    months.forEach((m, k) => {
      for (let i = 0; i < 30; i++)
        rows.push(`d-${m}-${i},dm-${i},${i < 8 + k * 3 ? 10 : i < 20 ? 8 : 4},${m}-15 10:00`);
    });
    await fetch(`${c.base}/api/v1/opinion/nps/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-api-key': key },
      body: rows.join('\n'),
    });
    const page = await loggedIn(c, 'duty');
    await page.goto(`${c.base}/opinion/dashboard`);
    for (const chart of ['chart-sla', 'chart-ack', 'chart-category', 'chart-community', 'chart-nps'])
      expect(await painted(page, chart)).toBeGreaterThan(100);
    await expect(page.locator('[data-testid=nps-now]').innerText()).resolves.toMatch(/NPS/);
    await shot(c, page, 'opinion-7-dashboard');
    expect(errorsOf(page)).toEqual([]);
  });

  it('gives customer service their queue', async () => {
    const page = await loggedIn(c, 'cs-li');
    await page.goto(`${c.base}/opinion/queue`);
    await page.waitForSelector('[data-testid=column-2] [data-testid=incident-card]');
    expect(await page.locator('[data-testid=column-1] [data-testid=incident-card]').count()).toBe(0);
    await shot(c, page, 'opinion-8-queue');
    expect(errorsOf(page)).toEqual([]);
  });
});
