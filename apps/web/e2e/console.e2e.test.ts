import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../server/src/platform/db/sql.ts';
import { decryptPii } from '../../server/src/platform/pii.ts';
import { canvasInk, errorsOf } from './flows.ts';
import { addUser, loggedIn, shot, startConsole, type Console } from './harness.ts';

describe('the operations console in Chromium', () => {
  let c: Console;
  let communities: string[];

  beforeAll(async () => {
    c = await startConsole();
    await addUser(c, 'ops', ['operator']);
    communities = (
      await rows<{ id: string }>(
        c.t.app.database.pool,
        'SELECT community_id AS id FROM members GROUP BY 1 ORDER BY count(*) DESC',
      )
    ).map((r) => r.id);
    await addUser(c, 'leader1', ['leader'], [communities[0]!]);
  });
  afterAll(async () => {
    await c?.close();
  });

  it('logs in and draws the dashboard from data', async () => {
    const page = await loggedIn(c, 'ops');
    await page.waitForSelector('[data-testid=kpis]');
    await page.waitForSelector('[data-testid=chart-gmv] canvas');
    await page.waitForTimeout(600);
    // the figures on screen are the API's figures
    const api = await (await page.request.get(`${c.base}/api/v1/overview`)).json();
    expect(api.kpis.orders).toBeGreaterThan(100);
    const orders = await page.locator('[data-kpi=orders] .ant-statistic-content-value').innerText();
    expect(orders.replace(/,/g, '')).toBe(String(api.kpis.orders));
    // every chart has a canvas with something drawn on it
    for (const id of ['chart-gmv', 'chart-members', 'chart-community', 'chart-category'])
      expect(await canvasInk(page, id), id).toBeGreaterThan(200);
    // an operator sees no admin menu
    expect(await page.locator('[data-testid=nav]').innerText()).not.toContain('系统管理');
    await shot(c, page, '1-overview');
    expect(errorsOf(page)).toEqual([]);
  });

  it('finds a member by full phone number and opens the 360° page', async () => {
    const [m] = await rows<{ id: string; phone_enc: string; phone_masked: string }>(
      c.t.app.database.pool,
      `SELECT m.id, m.phone_enc, m.phone_masked FROM members m
       WHERE m.phone_enc IS NOT NULL AND EXISTS (SELECT 1 FROM orders o WHERE o.member_id = m.id) ORDER BY m.id LIMIT 1`,
    );
    const phone = decryptPii(c.t.app.pii, m!.phone_enc);
    const page = await loggedIn(c, 'ops');
    await page.goto(`${c.base}/members`);
    await page.fill('[data-testid=member-search] input', phone);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=member-table] .ant-table-row').length === 1,
    );
    const row = await page.locator('[data-testid=member-table] .ant-table-row').innerText();
    expect(row).toContain(m!.phone_masked);
    expect(row).not.toContain(phone);
    await shot(c, page, '2-member-search');
    await page.click('[data-testid=member-table] .ant-table-row a');
    await page.waitForSelector('[data-testid=member-360]');
    await page.waitForSelector('[data-testid=order-timeline]');
    expect(await page.locator('[data-testid=member-phone]').innerText()).toBe(m!.phone_masked);
    // a member with orders has at least one tag, shown by its Chinese name
    await page.waitForSelector('[data-testid=member-tags] .ant-tag');
    const [tag] = await rows<{ name_zh: string }>(
      c.t.app.database.pool,
      'SELECT d.name_zh FROM member_tags t JOIN tag_definitions d ON d.id = t.tag_id WHERE t.member_id = $1 ORDER BY d.kind, d.key LIMIT 1',
      [m!.id],
    );
    expect(await page.locator('[data-testid=member-tags]').innerText()).toContain(tag!.name_zh);
    expect(page.url()).toContain(`/members/${m!.id}`);
    // and their value quadrant and persona from the models
    await page.waitForSelector('[data-testid=member-value]');
    expect(await page.locator('[data-testid=member-value]').innerText()).toMatch(
      /金字塔顶端|价值洼地|流失预警|潜力股/,
    );
    expect(await page.locator('[data-testid=member-value]').innerText()).toContain('频·');
    await shot(c, page, '3-member-360');
  });

  it('imports a CSV and shows the one bad row with its reason', async () => {
    const file = path.join(c.t.dir, 'members-upload.csv');
    writeFileSync(
      file,
      [
        'member_id,phone,nickname,registered_at',
        'e2e-1,13800138001,小王,2025-01-02',
        'e2e-2,12345,小李,2025-01-03',
        'e2e-3,13800138003,小张,2025-01-04',
      ].join('\n'),
    );
    const page = await loggedIn(c, 'ops');
    await page.goto(`${c.base}/imports`);
    await page.setInputFiles('input[type=file]', file);
    await page.waitForSelector('[data-testid=import-run][data-status=done]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=import-rejections] .ant-table-row');
    const rejected = await page.locator('[data-testid=import-rejections] .ant-table-row').allInnerTexts();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/^3\s+phone\s+/);
    await shot(c, page, '4-import');
    const [n] = await rows<{ n: number }>(
      c.t.app.database.pool,
      `SELECT count(*)::int AS n FROM members WHERE external_id LIKE 'e2e-%'`,
    );
    expect(n!.n).toBe(2);
  });

  it("keeps a leader out of another community's members, in the page and in the API", async () => {
    const [other] = await rows<{ id: string }>(
      c.t.app.database.pool,
      'SELECT id FROM members WHERE community_id = $1 LIMIT 1',
      [communities[1]],
    );
    const page = await loggedIn(c, 'leader1');
    const nav = await page.locator('[data-testid=nav]').innerText();
    expect(nav).toContain('会员');
    expect(nav).not.toContain('数据导入');
    expect(nav).not.toContain('系统管理');
    await page.goto(`${c.base}/members/${other!.id}`);
    await page.waitForSelector('.ant-result');
    expect(await page.locator('[data-testid=member-360]').count()).toBe(0);
    await shot(c, page, '5-leader-refused');
    const res = await page.request.get(`${c.base}/api/v1/members/${other!.id}`);
    expect(res.status()).toBe(404);
    const list = await (await page.request.get(`${c.base}/api/v1/members?limit=200`)).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((m: { communityId: string }) => m.communityId === communities[0])).toBe(true);
  });
});
