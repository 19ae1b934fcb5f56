import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, painted } from './flows.ts';
import { addUser, loggedIn, shot, startConsole, type Console } from './harness.ts';

async function api<T>(c: Console, page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${c.base}${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

describe('personas, value quadrant and CLV validation in Chromium', () => {
  let c: Console;

  beforeAll(async () => {
    c = await startConsole();
    await addUser(c, 'ops', ['operator']);
    await addUser(c, 'analyst1', ['analyst']);
  });
  afterAll(async () => {
    await c?.close();
  });

  it('shows one card per persona of the current fit and renames one in place', async () => {
    const page = await loggedIn(c, 'ops');
    await page.goto(`${c.base}/personas`);
    await page.waitForSelector('[data-testid=persona-card]');
    const list = await api<{
      fit: { k: number; members: number; personas: Array<{ idx: number; nameZh: string; size: number }> };
    }>(c, page, '/api/v1/personas');
    expect(list.fit.k).toBeGreaterThanOrEqual(2);
    expect(list.fit.personas).toHaveLength(list.fit.k);
    expect(await page.locator('[data-testid=persona-card]').count()).toBe(list.fit.k);
    expect(await page.getAttribute('[data-testid=personas]', 'data-k')).toBe(String(list.fit.k));
    // every persona's name from the API is on its card
    const names = await page.locator('[data-testid=persona-name]').allInnerTexts();
    expect(names.map((n) => n.trim())).toEqual(list.fit.personas.map((p) => p.nameZh));
    // the shares on the cards are the sizes over the fitted members
    const first = list.fit.personas[0]!;
    const share = `${((first.size / list.fit.members) * 100).toFixed(1)}%`;
    expect(await page.locator('[data-testid=persona-card]').first().innerText()).toContain(share);
    for (const id of ['chart-persona-scatter', 'chart-persona-radar', 'chart-persona-silhouette'])
      expect(await painted(page, id), id).toBeGreaterThan(200);
    expect(await page.locator('[data-testid=seed-comparison] .ant-table-row').count()).toBe(3);
    await shot(c, page, 'values-1-personas');

    // rename the first persona inline
    const card = page.locator('[data-testid=persona-card]').first();
    await card.locator('.ant-typography-edit').click();
    await card.locator('textarea').fill('社区银发族');
    await card.locator('textarea').press('Enter');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=persona-card] [data-testid=persona-name]')?.textContent ===
        '社区银发族',
    );
    const after = await api<{ fit: { personas: Array<{ idx: number; nameZh: string; nameEn: string }> } }>(
      c,
      page,
      '/api/v1/personas',
    );
    expect(after.fit.personas.find((p) => p.idx === first.idx)?.nameZh).toBe('社区银发族');
    expect(errorsOf(page)).toEqual([]);
  });

  it('an analyst sees the personas but cannot rename or re-cluster', async () => {
    const page = await loggedIn(c, 'analyst1');
    await page.goto(`${c.base}/personas`);
    await page.waitForSelector('[data-testid=persona-card]');
    expect(await page.locator('[data-testid=persona-card] .ant-typography-edit').count()).toBe(0);
    expect(await page.locator('[data-testid=persona-refit]').count()).toBe(0);
  });

  it('shows the four quadrants, lists the members of one and opens a member with the churn risk', async () => {
    const page = await loggedIn(c, 'ops');
    await page.goto(`${c.base}/values`);
    await page.waitForSelector('[data-testid=quadrant-card]');
    const overview = await api<{
      fit: { detail: { summary: Array<{ quadrant: string; members: number; memberShare: number }> } };
    }>(c, page, '/api/v1/values');
    const cards = page.locator('[data-testid=quadrant-card]');
    expect(await cards.count()).toBe(4);
    const quadrants = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-quadrant')));
    expect(quadrants).toEqual(['pyramid_top', 'value_depression', 'churn_warning', 'potential']);
    // the shares shown add up to 100 % and are the API's
    const shown = (await page.locator('[data-testid=quadrant-member-share]').allInnerTexts()).map((s) =>
      Number(s.replace(/[^\d.]/g, '')),
    );
    expect(shown).toHaveLength(4);
    expect(Math.abs(shown.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.3);
    for (const s of overview.fit.detail.summary) {
      const text = await page
        .locator(`[data-quadrant=${s.quadrant}] [data-testid=quadrant-member-share]`)
        .innerText();
      expect(text, s.quadrant).toContain(`${(s.memberShare * 100).toFixed(1)}%`);
    }
    expect(await painted(page, 'chart-value-scatter')).toBeGreaterThan(200);
    expect(await painted(page, 'chart-value-shares')).toBeGreaterThan(200);
    await shot(c, page, 'values-2-quadrant');

    // the quadrant with the most members: its list is the API's first page
    const biggest = [...overview.fit.detail.summary].sort((a, b) => b.members - a.members)[0]!;
    await page.click(`[data-quadrant=${biggest.quadrant}]`);
    await page.waitForSelector('[data-testid=quadrant-members] .ant-table-row');
    expect(page.url()).toContain(`quadrant=${biggest.quadrant}`);
    const first = await api<{ items: Array<{ memberId: string; quadrant: string; churnRisk: number }> }>(
      c,
      page,
      `/api/v1/values/members?quadrant=${biggest.quadrant}&limit=50`,
    );
    expect(first.items.length).toBe(Math.min(50, biggest.members));
    expect(first.items.every((m) => m.quadrant === biggest.quadrant)).toBe(true);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=quadrant-members] .ant-table-row').length === n,
      first.items.length,
    );
    const hrefs = await page
      .locator('[data-testid=quadrant-members] .ant-table-row a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(first.items.map((m) => `/members/${m.memberId}`));
    await shot(c, page, 'values-3-quadrant-members');

    // into the 360° page: the same churn risk, with its level
    const member = first.items[0]!;
    await page.click('[data-testid=quadrant-members] .ant-table-row a >> nth=0');
    await page.waitForSelector('[data-testid=member-value] [data-testid=churn-risk]');
    expect(page.url()).toContain(`/members/${member.memberId}`);
    const value = await api<{ value: { churnRisk: number } }>(
      c,
      page,
      `/api/v1/members/${member.memberId}/value`,
    );
    expect(value.value.churnRisk).toBeCloseTo(member.churnRisk, 5);
    const risk = page.locator('[data-testid=member-value] [data-testid=churn-risk]');
    expect(Number(await risk.getAttribute('data-risk'))).toBeCloseTo(value.value.churnRisk, 5);
    // the console's levels: ≥ 0.5 flags a member (高), as the churn-risk validation counts it; 0.2 … 0.5 is 中
    const level = value.value.churnRisk >= 0.5 ? '高' : value.value.churnRisk >= 0.2 ? '中' : '低';
    expect(await risk.innerText()).toContain(`${level} ${Math.round(value.value.churnRisk * 100)}%`);
    await shot(c, page, 'values-4-member-churn');
    expect(errorsOf(page)).toEqual([]);
  });

  it('shows the CLV validation charts and the numbers of the API', async () => {
    const page = await loggedIn(c, 'ops');
    await page.goto(`${c.base}/values/validation`);
    const v = await api<{
      aggregate: { predicted: number; actual: number; errorShare: number };
      params: { r: number; alpha: number; a: number; b: number };
      churn: { auc: number; precision: number; recall: number };
      weekly: unknown[];
      byFrequency: unknown[];
    } | null>(c, page, '/api/v1/values/validation');
    if (v === null) {
      // three months of demo orders may be too short: then the page says so
      await page.waitForSelector('[data-testid=clv-empty]');
      expect(await page.locator('[data-testid=clv-empty]').innerText()).toContain('历史订单还不够');
      expect(await page.locator('[data-testid=clv-validation]').count()).toBe(0);
      return;
    }
    await page.waitForSelector('[data-testid=clv-validation]');
    expect(v.weekly.length).toBeGreaterThan(2);
    expect(v.byFrequency.length).toBeGreaterThan(1);
    expect(await painted(page, 'chart-clv-weekly')).toBeGreaterThan(200);
    expect(await painted(page, 'chart-clv-frequency')).toBeGreaterThan(200);
    const text = (id: string) => page.locator(`[data-testid=${id}]`).innerText();
    const figure = (id: string) => page.locator(`[data-testid=${id}] .ant-statistic-content`).innerText();
    const digits = (s: string) => s.replace(/[^\d.-]/g, '');
    expect(digits(await figure('clv-predicted'))).toBe(String(Math.round(v.aggregate.predicted)));
    expect(digits(await figure('clv-actual'))).toBe(String(v.aggregate.actual));
    expect(await figure('clv-error')).toContain(`${(Math.abs(v.aggregate.errorShare) * 100).toFixed(1)}%`);
    expect(await text('churn-auc')).toBe(v.churn.auc.toFixed(3));
    expect(await text('churn-precision')).toBe(`${(v.churn.precision * 100).toFixed(1)}%`);
    expect(await text('churn-recall')).toBe(`${(v.churn.recall * 100).toFixed(1)}%`);
    expect(await text('param-r')).toBe(v.params.r.toFixed(4));
    expect(await text('param-b')).toBe(v.params.b.toFixed(4));
    await shot(c, page, 'values-5-clv-validation');
    expect(errorsOf(page)).toEqual([]);
  });
});
