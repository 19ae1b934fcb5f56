import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/src/platform/auth/auth.service.ts';
import { backdateStart, plantOutcomes } from '../../server/src/modules/experiments/experiments.fixture.ts';
import { experimentByKey } from '../../server/src/modules/experiments/experiments.repo.ts';
import { compileExperiment } from '../../server/src/modules/experiments/index.ts';
import { errorsOf, painted } from './flows.ts';
import { addUser, loggedIn, shot, startConsole, type Console } from './harness.ts';

const DAY = 86_400_000;

/** The content lab in Chromium: the demo's tests, a test made in the wizard, its results, shipping. */
describe('content lab in Chromium', () => {
  let c: Console;

  beforeAll(async () => {
    c = await startConsole();
    await addUser(c, 'editor', ['operator']);
  }, 300_000);
  afterAll(async () => {
    await c?.close();
  });

  it('lists the demo tests with the hit rate and draws their results and main effects', async () => {
    const page = await loggedIn(c, 'editor');
    await page.goto(`${c.base}/experiments`);
    await page.waitForSelector('[data-testid=experiment-table] tbody tr.ant-table-row');
    const rows = page.locator('[data-testid=experiment-table] tbody tr.ant-table-row');
    expect(await rows.count()).toBe(2);
    await expect(page.locator('[data-testid=hit-rate]').innerText()).resolves.toContain('命中率');
    await shot(c, page, 'lab-1-list');

    await page.click('text=早报标题：价格写进标题');
    await page.waitForSelector('[data-testid=arms-table] tbody tr.ant-table-row');
    await expect(page.locator('[data-testid=experiment-status]').getAttribute('data-status')).resolves.toBe(
      'shipped',
    );
    await expect(page.locator('[data-testid=shipped-content]').innerText()).resolves.toContain('19.9');
    expect(await painted(page, 'forest-chart')).toBeGreaterThan(200);
    expect(await painted(page, 'sequential-chart')).toBeGreaterThan(200);
    await shot(c, page, 'lab-2-finished');

    await page.goto(`${c.base}/experiments/demo-weekend-lab`);
    await page.waitForSelector('[data-testid=factorial-card]');
    expect(await painted(page, 'heatmap-chart')).toBeGreaterThan(500);
    await expect(page.locator('[data-testid=best-combination]').innerText()).resolves.toContain('title=');
    await shot(c, page, 'lab-3-factorial');
    expect(errorsOf(page)).toEqual([]);
  });

  it('creates a test in the wizard, starts it, reads its results and ships the winner', async () => {
    const page = await loggedIn(c, 'editor');
    await page.goto(`${c.base}/experiments/new`);
    await page.fill('[data-testid=wizard-key]', 'e2e-title');
    await page.fill('[data-testid=wizard-name]', '晚报标题测试');
    await page.click('[data-testid=wizard-next]');
    await page.fill('[data-testid=variant-title-0]', '今晚特价');
    await page.fill('[data-testid=variant-title-1]', '今晚草莓 9.9 元');
    await page.click('[data-testid=wizard-next]');
    await page.click('[data-testid=wizard-next]');
    await page.click('[data-testid=wizard-next]');
    await page.waitForSelector('[data-testid=plan-estimate]');
    await expect(page.locator('[data-testid=plan-mde]').innerText()).resolves.toMatch(/pt/);
    await shot(c, page, 'lab-4-wizard-plan');
    await page.click('[data-testid=wizard-start]');
    await page.waitForURL(/\/experiments\/e2e-title$/);
    await expect
      .poll(() => page.locator('[data-testid=experiment-status]').getAttribute('data-status'))
      .toBe('running');

    // members see it for two days (planted: B converts better), then the page is refreshed
    const start = new Date(Date.now() - 5 * DAY);
    await backdateStart(c.t.app, 'e2e-title', start);
    const row = (await experimentByKey(c.t.app.database.pool, 'e2e-title'))!;
    const { key } = await createApiKey(c.t.ctx, { name: 'e2e-ingest', scopes: ['ingest'] });
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(c.base + path, {
        method,
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { rejected?: unknown[] } };
    };
    await plantOutcomes(c.t.app, call, {
      experimentId: row.id,
      experimentKey: row.key,
      compiled: compileExperiment({
        key: row.key,
        salt: row.salt,
        status: 'running',
        archivedFrom: null,
        definition: row,
        layer: null,
        holdout: { salt: 'linli', share: 0 },
        shippedArm: null,
      }),
      members: 1600,
      prefix: 'e2e',
      start,
      truth: (arm) => ({ conversion: arm === 'B' ? 0.3 : 0.12, dwellMs: 20_000, share: 0.05, complaint: 0 }),
      contentId: 'e2e-title',
      seed: 17,
    });
    await page.click('[data-testid=experiment-refresh]');
    await page.waitForSelector('[data-testid=comparison-table] tbody tr.ant-table-row');
    await expect(page.locator('[data-testid=absolute-lift]').first().innerText()).resolves.toMatch(/^\+/);
    await expect(page.locator('[data-testid=p-holm]').first().innerText()).resolves.toMatch(/e-|0\.0/);
    expect(await page.locator('[data-testid=srm-banner]').count()).toBe(0);
    expect(await painted(page, 'cumulative-chart')).toBeGreaterThan(200);
    await shot(c, page, 'lab-5-results');

    await page.click('[data-testid=experiment-ship]');
    await page.fill('[data-testid=ship-learned]', '写明价格的标题转化更高');
    await page.click('[data-testid=ship-confirm]');
    await expect
      .poll(() => page.locator('[data-testid=experiment-status]').getAttribute('data-status'))
      .toBe('shipped');
    await expect(page.locator('[data-testid=shipped-content]').innerText()).resolves.toContain('9.9');
    const assignment = await page.request.get(
      `${c.base}/api/v1/experiments/e2e-title/assignment?memberId=anyone`,
    );
    expect(await assignment.json()).toMatchObject({
      reason: 'shipped',
      content: { title: '今晚草莓 9.9 元' },
    });
    await shot(c, page, 'lab-6-shipped');
    expect(errorsOf(page)).toEqual([]);
  });
});
