import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublishable } from '../../server/src/modules/compliance/index.ts';
import { errorsOf, painted } from './flows.ts';
import { addUser, loggedIn, shot, startConsole, type Console } from './harness.ts';

/** Compliance review in Chromium: live highlighting, the two human stages, the guard, the pages. */
describe('compliance review in Chromium', () => {
  let c: Console;
  let itemId = '';

  beforeAll(async () => {
    c = await startConsole();
    await addUser(c, 'writer', ['operator']);
    await addUser(c, 'rita', ['reviewer']);
    await addUser(c, 'lin', ['legal']);
  }, 300_000);
  afterAll(async () => {
    await c?.close();
  });

  it('highlights violations while one types, applies a rewrite, and submits', async () => {
    const page = await loggedIn(c, 'writer');
    await page.goto(`${c.base}/compliance/new`);
    const editor = page.locator('[data-testid=copy-editor]');
    await editor.fill('本店最新鲜的草莓，吃了降血压！<b>原价59元</b>，今天只要29元');
    await page.waitForSelector('[data-testid=live-hits] .ant-list-item');
    await expect
      .poll(() => page.locator('[data-testid=scan-status]').getAttribute('data-verdict'))
      .toBe('block');
    // the copy's markup is shown as text, never run
    expect(await page.locator('b').count()).toBe(0);
    await shot(c, page, 'compliance-1-live-highlight');

    // one click per rewrite: 最新鲜 → 新鲜, 降血压 removed
    for (let i = 0; i < 2; i++) {
      await page.locator('[data-testid=apply-suggestion]').first().click();
      await page.waitForTimeout(600);
    }
    await expect.poll(() => editor.inputValue()).toBe('本店新鲜的草莓，吃了！<b>原价59元</b>，今天只要29元');
    await expect
      .poll(() => page.locator('[data-testid=scan-status]').getAttribute('data-verdict'))
      .toBe('review');
    await page.fill('[data-testid=submit-title]', '草莓限时价');
    await page.click('[data-testid=submit-send]');
    await page.waitForURL(/\/compliance\/items\/cmi_/);
    itemId = page.url().split('/').pop()!;
    await expect
      .poll(() => page.locator('[data-testid=item-status]').getAttribute('data-status'))
      .toBe('review');
    await expect
      .poll(() => page.locator('[data-testid=guard]').getAttribute('data-publishable'))
      .toBe('false');
    expect(await page.locator('[data-testid=current-text] [data-testid=hit-mark]').count()).toBe(1);
    await shot(c, page, 'compliance-2-submitted');
    expect(errorsOf(page)).toEqual([]);
  });

  it('a reviewer works the queue: claims, overrules the hit, answers the checklist, sends to legal', async () => {
    const page = await loggedIn(c, 'rita');
    await page.goto(`${c.base}/compliance/queue`);
    await page.waitForSelector('[data-testid=queue-table] tbody tr.ant-table-row');
    // the demo's queue shows every SLA colour
    const levels = await page
      .locator('[data-testid=sla]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    expect(new Set(levels)).toEqual(new Set(['green', 'amber', 'red', 'over']));
    await shot(c, page, 'compliance-3-queue');

    await page.goto(`${c.base}/compliance/items/${itemId}`);
    await page.click('[data-testid=claim]');
    await page.waitForSelector('[data-testid=decision-card]');
    await page.click('[data-testid=hit-overrule]');
    await expect
      .poll(() => page.locator('[data-testid=hit-row]').first().getAttribute('data-verdict'))
      .toBe('overruled');
    await page.click('[data-testid=checklist-all-ok]');
    await expect(page.locator('[data-testid=legal-required]').innerText()).resolves.toContain('价格欺诈');
    await shot(c, page, 'compliance-4-review');
    await page.click('[data-testid=decide-approve]');
    await expect
      .poll(() => page.locator('[data-testid=item-status]').getAttribute('data-status'))
      .toBe('legal');
    expect(await isPublishable(c.t.app, { itemId })).toBe(false);
    expect(errorsOf(page)).toEqual([]);
  });

  it('legal signs off; only then does the guard let the copy through', async () => {
    const page = await loggedIn(c, 'lin');
    await page.goto(`${c.base}/compliance/queue?view=legal`);
    await page.waitForSelector(`text=草莓限时价`);
    await page.click('text=草莓限时价');
    await page.waitForSelector('[data-testid=decision-card]');
    await page.fill('[data-testid=decision-comment]', '参考价有近7日成交记录');
    await shot(c, page, 'compliance-5-legal');
    await page.click('[data-testid=decide-approve]');
    await expect
      .poll(() => page.locator('[data-testid=item-status]').getAttribute('data-status'))
      .toBe('approved');
    await expect
      .poll(() => page.locator('[data-testid=guard]').getAttribute('data-publishable'))
      .toBe('true');
    expect(await isPublishable(c.t.app, { itemId, channel: 'app_push' })).toBe(true);
    await shot(c, page, 'compliance-6-approved');
    expect(errorsOf(page)).toEqual([]);
  });

  it('shows the dashboard and refuses a broken rule pack in the editor', async () => {
    const page = await loggedIn(c, 'lin');
    await page.goto(`${c.base}/compliance/dashboard`);
    await page.waitForSelector('[data-testid=dashboard-figures]');
    expect(await painted(page, 'violation-chart')).toBeGreaterThan(200);
    expect(await painted(page, 'rules-chart')).toBeGreaterThan(200);
    await page.waitForSelector('[data-testid=rule-stats] tbody tr.ant-table-row');
    await shot(c, page, 'compliance-7-dashboard');

    await page.goto(`${c.base}/compliance/packs?pack=superstition`);
    await page.waitForSelector('[data-testid=pack-json]');
    const json = await page.locator('[data-testid=pack-json]').inputValue();
    const pack = JSON.parse(json) as { rules: Array<Record<string, unknown>> };
    pack.rules.push({ id: 'sup.e2e', severity: 'review', patterns: ['好运(来'] });
    await page.locator('[data-testid=pack-json]').fill(JSON.stringify(pack, null, 2));
    await page.click('[data-testid=pack-save]');
    await page.waitForSelector('[data-testid=pack-problems]');
    await expect(page.locator('[data-testid=pack-problems]').innerText()).resolves.toContain('sup.e2e');
    pack.rules[pack.rules.length - 1]!.patterns = ['好运(来|到)'];
    await page.locator('[data-testid=pack-json]').fill(JSON.stringify(pack, null, 2));
    await page.fill('[data-testid=pack-test-text]', '新年好运来');
    await page.click('[data-testid=pack-test]');
    await page.waitForSelector('[data-testid=pack-test-result] [data-testid=hit-mark]');
    await shot(c, page, 'compliance-8-packs');
    expect(errorsOf(page)).toEqual([]);
  });
});
