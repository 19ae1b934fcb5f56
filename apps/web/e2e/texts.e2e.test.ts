import type { TextTrend } from '@linli/contracts/text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvents } from '../../server/src/modules/activity/index.ts';
import { drainTextQueue } from '../../server/src/modules/text/index.ts';
import { canvasInk, errorsOf } from './flows.ts';
import { addUser, loggedIn, shot, startConsole, type Console } from './harness.ts';

/** The text explorer and the risk lexicon, in Chromium. */
describe('text explorer and risk lexicon in Chromium', () => {
  let c: Console;
  const HOSTILE = '<img src=x onerror="window.__xss=1">孩子吃了拉肚子，菜也不新鲜';

  beforeAll(async () => {
    c = await startConsole();
    await addUser(c, 'textop', ['operator']);
    // a review whose text is markup: it must be shown as text, never run
    const r = await ingestEvents(c.t.ctx, [
      {
        id: 'xss-1',
        memberId: 'xss-member',
        type: 'complaint',
        occurredAt: new Date().toISOString(),
        text: HOSTILE,
      },
    ]);
    expect(r.accepted).toBe(1);
    await drainTextQueue(c.t.app);
  }, 240_000);
  afterAll(async () => {
    await c?.close();
  });

  it('lists scored texts with the trend chart and the same totals as the API', async () => {
    const page = await loggedIn(c, 'textop');
    await page.goto(`${c.base}/texts`);
    await page.waitForSelector('[data-testid=text-table] tbody tr.ant-table-row');
    await page.waitForSelector('[data-testid=text-trend] canvas');
    await page.waitForTimeout(800);
    expect(await canvasInk(page, 'text-trend')).toBeGreaterThan(500);
    const trend = (await (await page.request.get(`${c.base}/api/v1/texts/trend`)).json()) as TextTrend;
    expect(trend.totals.texts).toBeGreaterThan(100);
    const totals = await page.locator('[data-testid=text-totals]').innerText();
    expect(totals.replace(/,/g, '')).toContain(String(trend.totals.texts));
    await expect(page.locator('[data-testid=text-status]').innerText()).resolves.toContain('已评分');
    await shot(c, page, 'texts');
    expect(errorsOf(page)).toEqual([]);
  });

  it('filters by aspect and shows markup in a text as text', async () => {
    const page = await loggedIn(c, 'textop');
    await page.goto(`${c.base}/texts?aspect=food_safety&polarity=negative`);
    await page.waitForSelector('[data-testid=text-table] tbody tr.ant-table-row');
    const rows = page.locator('[data-testid=text-table] tbody tr.ant-table-row');
    const n = await rows.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) await expect(rows.nth(i).innerText()).resolves.toContain('食品安全 −');
    const hostileRow = rows.filter({ hasText: '<img src=x' }).first();
    await hostileRow.waitFor({ state: 'visible' });
    // shown as the characters typed (long texts are cut to three lines with a 展开 link)
    await expect(hostileRow.innerText()).resolves.toContain('<img src=x onerror="window.__xss=1">');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // a click on the member opens the 360° page
    await rows.first().locator('a').first().click();
    await page.waitForURL(/\/members\/mbr_/);
    // the 360° page lists what the member wrote with its scores
    await page.click('.ant-tabs-tab:has-text("会员心声")');
    await page.waitForSelector('[data-testid=voice] .ant-tag:has-text("食品安全")');
    expect(errorsOf(page)).toEqual([]);
  });

  it('analyses a typed text, and a new risk term applies at once', async () => {
    const page = await loggedIn(c, 'textop');
    await page.goto(`${c.base}/texts`);
    await page.fill('[data-testid=try-text]', '菜很新鲜但是配送太慢');
    await page.click('[data-testid=try-analyze]');
    const result = page.locator('[data-testid=try-result]');
    await result.waitFor();
    await expect(result.innerText()).resolves.toMatch(/新鲜度\/品质 \+[\s\S]*配送\/自提 −/);

    await page.goto(`${c.base}/texts/lexicon`);
    await page.waitForSelector('[data-testid=risk-table] tbody tr.ant-table-row');
    await page.click('[data-testid=risk-add]');
    await page.fill('[data-testid=risk-term-input]', '烂果');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.waitForSelector('[data-testid=risk-table] tbody tr.ant-table-row:has-text("烂果")');
    await shot(c, page, 'risk-lexicon');

    await page.goto(`${c.base}/texts`);
    await page.fill('[data-testid=try-text]', '又是烂 果，气死了');
    await page.click('[data-testid=try-analyze]');
    await page.waitForSelector('[data-testid=try-result] .ant-tag:has-text("烂果")');
    expect(errorsOf(page)).toEqual([]);
  });
});
