import type { ReplenishmentList } from '@linli/contracts/forecasting';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runForecast } from '../../server/src/modules/forecasting/index.ts';
import { errorsOf, painted } from './flows.ts';
import { addUser, loggedIn, shot, startConsole, type Console } from './harness.ts';

/** Tonight's purchase list in Chromium: an override with its reason, the split, the Excel export. */
describe('forecasting and replenishment in Chromium', () => {
  let c: Console;

  beforeAll(async () => {
    c = await startConsole();
    await addUser(c, 'buyer', ['operator']);
    const run = await runForecast(c.t.app, { trigger: 'cli' });
    expect(run.error).toBeNull();
  }, 300_000);
  afterAll(async () => {
    await c?.close();
  });

  it('overrides a suggestion with a reason, splits it over the points and exports it', async () => {
    const page = await loggedIn(c, 'buyer');
    await page.goto(`${c.base}/forecasting/replenishment`);
    await page.waitForSelector('[data-testid=replenishment-table] tbody tr.ant-table-row');
    await expect(page.locator('[data-testid=forecast-run-status]').innerText()).resolves.toContain(
      '的建议由',
    );
    const list = (await (
      await page.request.get(`${c.base}/api/v1/forecasting/replenishment`)
    ).json()) as ReplenishmentList;
    const date = list.shown.pickupDate!;
    const line = list.lines.find((l) => l.points > 1 && l.suggestedQty >= 2)!;
    expect(line).toBeDefined();
    const target = Math.round(line.suggestedQty) + 3;
    await shot(c, page, 'forecast-3-replenishment');

    const row = page.locator('[data-testid=replenishment-table] tbody tr.ant-table-row', {
      hasText: line.sku,
    });
    await row.locator('[data-testid=override-open]').click();
    const form = page.locator('[data-testid=override-form]');
    await form
      .locator('input[data-testid=override-qty], [data-testid=override-qty] input')
      .fill(String(target));
    await form.locator('[data-testid=override-reason]').fill('团长反馈周末订单会多');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT');
    await form.locator('[data-testid=override-apply]').click();
    expect((await saved).status()).toBe(200);
    // the list reloads after the save
    await expect
      .poll(async () => (await row.locator('[data-testid=final-qty]').innerText()).replace(/,/g, ''), {
        timeout: 15_000,
      })
      .toBe(line.step >= 1 ? String(target) : target.toFixed(1));
    await expect(row.innerText()).resolves.toContain('团长反馈周末订单会多');

    // the expanded split adds up to the override
    await row.locator('.ant-table-row-expand-icon').click();
    const split = page.locator('[data-testid=allocation-table] tbody tr.ant-table-row');
    await split.first().waitFor();
    const api = (await (
      await page.request.get(`${c.base}/api/v1/forecasting/replenishment/${date}/${line.sku}/allocations`)
    ).json()) as { items: Array<{ qty: number }> };
    expect(Math.round(api.items.reduce((s, a) => s + a.qty, 0) * 1000) / 1000).toBe(target);
    expect(await split.count()).toBe(Math.min(20, api.items.length));
    await shot(c, page, 'forecast-3-replenishment-override');

    // the workbook carries the override, its reason and the final quantity
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=replenishment-export]'),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await readFile((await download.path())!));
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toContain('最终采购量');
    const rows: unknown[][] = [];
    sheet.eachRow((r, n) => n > 1 && rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(list.lines.length);
    const mine = rows.find((r) => r[1] === line.sku)!;
    expect(mine.slice(5, 9)).toEqual([line.suggestedQty, target, '团长反馈周末订单会多', target]);
    const audits = await c.t.app.database.pool.query(
      "SELECT action FROM audit_log WHERE entity = 'replenishment' ORDER BY at",
    );
    expect(audits.rows.map((r: { action: string }) => r.action)).toEqual(['override', 'export']);

    // the reasoning behind the suggestion
    await row.locator('[data-testid=why]').click();
    const why = page.locator('.ant-popover', { hasText: '临界比例' });
    await why.waitFor();
    await expect(why.innerText()).resolves.toContain(`${(line.lossRate * 100).toFixed(1)}%`);
    await shot(c, page, 'forecast-3-replenishment-why');
    expect(errorsOf(page)).toEqual([]);
  });

  it('draws the forecast, accuracy and simulation pages', async () => {
    const page = await loggedIn(c, 'buyer');
    await page.goto(`${c.base}/forecasting/demand`);
    await page.waitForSelector('[data-testid=sku-table] tbody tr.ant-table-row');
    expect(await painted(page, 'forecast-chart')).toBeGreaterThan(500);
    expect(await painted(page, 'weights-chart')).toBeGreaterThan(200);
    await shot(c, page, 'forecast-1-demand');
    await page.goto(`${c.base}/forecasting/accuracy`);
    await page.waitForSelector('[data-testid=accuracy-table] tbody tr.ant-table-row');
    expect(await page.locator('[data-testid=accuracy-table] tbody tr.ant-table-row').count()).toBeGreaterThan(
      5,
    );
    await shot(c, page, 'forecast-2-accuracy');
    await page.goto(`${c.base}/forecasting/simulation`);
    expect(await painted(page, 'simulation-chart')).toBeGreaterThan(200);
    await shot(c, page, 'forecast-4-simulation');
    expect(errorsOf(page)).toEqual([]);
  });
});
