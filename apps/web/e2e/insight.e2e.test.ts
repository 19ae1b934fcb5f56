import type { Page } from 'playwright-core';
import type { RulePreview, SegmentView, TagList } from '@linli/contracts/insight';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasInk, errorsOf } from './flows.ts';
import { addUser, loggedIn, shot, startConsole, type Console } from './harness.ts';

/** The tag catalogue, tag detail, tag editor with its live count, and segments, in Chromium. */

/** Opens a group's "add condition" menu and picks an entry (the menu animates in and out). */
async function addCondition(
  page: Page,
  label: string,
  group = page.locator('[data-testid=rule-group]').first(),
) {
  await group.locator('[data-testid=rule-add]').last().click();
  const item = page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: label });
  await item.waitFor({ state: 'visible' });
  await page.waitForTimeout(400);
  await item.click();
  await page.waitForFunction(
    () => document.querySelectorAll('.ant-dropdown:not(.ant-dropdown-hidden)').length === 0,
  );
}

/** Picks an option of an Ant Design select (its list animates in, like the menus). */
async function pick(page: Page, select: string, option: string, search = false) {
  await page.click(select);
  if (search) await page.keyboard.type(option);
  const item = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first();
  await item.waitFor({ state: 'visible' });
  await page.waitForTimeout(300);
  await item.click();
}

/** The live count once it has settled on a number other than `previous`. */
async function settledCount(page: Page, previous?: number): Promise<number> {
  const handle = await page.waitForFunction(
    (prev) => {
      const el = document.querySelector<HTMLElement>('[data-testid=rule-count]');
      if (!el || el.dataset.pending !== 'false' || el.dataset.members === '') return null;
      const n = Number(el.dataset.members);
      return n !== prev ? n : null;
    },
    previous ?? -1,
    { timeout: 15_000 },
  );
  return (await handle.jsonValue()) as number;
}

describe('member insight pages in Chromium', () => {
  let c: Console;
  let tags: TagList;
  /** a behaviour tag with members, to open and to use in a segment */
  let busy: TagList['items'][number];

  beforeAll(async () => {
    c = await startConsole();
    await addUser(c, 'ops', ['operator']);
    await addUser(c, 'analyst1', ['analyst']);
    const page = await loggedIn(c, 'ops');
    tags = await (await page.request.get(`${c.base}/api/v1/tags`)).json();
    busy = tags.items
      .filter((x) => x.kind === 'behaviour' && x.enabled && x.members > 0 && x.members < tags.totalMembers)
      .sort((a, b) => b.members - a.members)[0]!;
    await page.context().close();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('searches and filters the tag catalogue', async () => {
    expect(busy).toBeDefined();
    const page = await loggedIn(c, 'ops');
    await page.goto(`${c.base}/tags`);
    await page.waitForSelector('[data-testid=tag-table] .ant-table-row');
    const rows = page.locator('[data-testid=tag-table] .ant-table-row');
    expect(await rows.count()).toBeGreaterThan(10);
    // search by key: only that tag
    await page.fill('[data-testid=tag-search]', busy.key);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=tag-table] .ant-table-row').length === 1,
    );
    expect(await rows.first().getAttribute('data-key')).toBe(busy.key);
    expect(await rows.first().innerText()).toContain(busy.nameZh);
    // search by a Chinese word: every row mentions it in a name or description
    await page.fill('[data-testid=tag-search]', '会员');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=tag-table] .ant-table-row').length !== 1,
    );
    const expected = tags.items.filter((x) =>
      [x.nameZh, x.nameEn, x.key, x.descriptionZh, x.descriptionEn].some((s) => s.includes('会员')),
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(await page.locator('[data-testid=tag-kind-filter] [data-kind=all]').innerText()).toContain(
      `(${expected.length})`,
    );
    // by kind: the emotion tab shows only emotion tags, as many as the API has
    await page.fill('[data-testid=tag-search]', '');
    await page.waitForFunction(() => !location.search.includes('q='));
    await page.click('[data-testid=tag-kind-filter] [data-kind=emotion]');
    const emotion = tags.items.filter((x) => x.kind === 'emotion');
    expect(emotion.length).toBeGreaterThan(0);
    await page.waitForFunction(
      (allowed) =>
        [...document.querySelectorAll('[data-testid=tag-table] .ant-table-row')].every((tr) =>
          allowed.includes(tr.getAttribute('data-key') ?? ''),
        ),
      emotion.map((x) => x.key),
    );
    expect(await rows.count()).toBe(Math.min(20, emotion.length));
    expect(page.url()).toContain('kind=emotion');
    await shot(c, page, 'insight-1-tags');
    expect(errorsOf(page)).toEqual([]);
  });

  it('opens a tag: rule in words, charts from data, members page by page', async () => {
    const page = await loggedIn(c, 'ops');
    await page.goto(`${c.base}/tags?q=${busy.key}`);
    await page.click('[data-testid=tag-link]');
    await page.waitForSelector('[data-testid=tag-detail]');
    expect(page.url()).toContain(`/tags/${busy.key}`);
    expect(await page.locator('[data-testid=tag-title]').innerText()).toBe(busy.nameZh);
    expect(await page.locator('[data-testid=tag-members-count]').innerText()).toBe(
      busy.members.toLocaleString('en-US'),
    );
    // the rule reads as words, not JSON
    const ruleText = await page.locator('[data-testid=tag-rule-text]').innerText();
    expect(ruleText).not.toMatch(/[{}"]/);
    expect(ruleText.length).toBeGreaterThan(3);
    await page.waitForSelector('[data-testid=chart-tag-trend] canvas');
    await page.waitForTimeout(800);
    expect(await canvasInk(page, 'chart-tag-trend')).toBeGreaterThan(200);
    expect(await canvasInk(page, 'chart-tag-community')).toBeGreaterThan(200);
    // the member list: 50 a page, each linking to the member, with the values behind the tag
    await page.waitForSelector('[data-testid=tag-member-table] .ant-table-row');
    const rows = page.locator('[data-testid=tag-member-table] .ant-table-row');
    expect(await rows.count()).toBe(Math.min(50, busy.members));
    expect(await rows.first().locator('a').getAttribute('href')).toMatch(/^\/members\/.+/);
    const first = await rows.first().innerText();
    if (busy.members > 50) {
      await page.click('[aria-label="next page"]');
      await page.waitForFunction(
        (before) =>
          document.querySelector<HTMLElement>('[data-testid=tag-member-table] .ant-table-row')?.innerText !==
          before,
        first,
      );
      expect(await page.locator('[data-testid=page-number]').innerText()).toBe('2');
    }
    await shot(c, page, 'insight-2-tag-detail');
    expect(errorsOf(page)).toEqual([]);
  });

  it('creates a tag with a live count that follows the threshold, and lists it', async () => {
    const page = await loggedIn(c, 'ops');
    const preview = async (value: number) =>
      (
        (await (
          await page.request.post(`${c.base}/api/v1/tags/preview`, {
            data: { rule: { all: [{ field: 'orders_30d', op: '>=', value }] } },
          })
        ).json()) as RulePreview
      ).members;
    const [at4, at1] = [await preview(4), await preview(1)];
    expect(at1).toBeGreaterThan(at4);

    await page.goto(`${c.base}/tags`);
    await page.click('[data-testid=tag-create]');
    await page.waitForSelector('[data-testid=rule-editor]');
    // the starting rule is "orders in 30 days ≥ 4"
    expect(await page.locator('[data-testid=rule-summary]').innerText()).toContain('≥ 4');
    const before = await settledCount(page);
    expect(before).toBe(at4);
    await page.fill('[data-testid=rule-value]', '1');
    const after = await settledCount(page, before);
    expect(after).toBe(at1);
    expect(await page.locator('[data-testid=rule-count]').innerText()).toMatch(/约 [\d,]+ 人（\d+(\.\d)?%）/);
    // an impossible range is refused by the server, shown next to the rule
    await pick(page, '[data-testid=rule-op]', '介于');
    await page.fill('[data-testid=rule-value-low]', '9');
    await page.fill('[data-testid=rule-value-high]', '2');
    await page.waitForSelector('[data-testid=rule-problems]');
    expect(await page.locator('[data-testid=rule-problems]').innerText()).toContain('下限不大于上限');
    await page.fill('[data-testid=rule-value-low]', '1');
    await page.fill('[data-testid=rule-value-high]', '30');
    await page.waitForSelector('[data-testid=rule-problems]', { state: 'detached' });

    await page.fill('[data-testid=tag-key]', 'e2e_buyer');
    await page.fill('[data-testid=tag-name-zh]', '测试买家');
    await page.fill('[data-testid=tag-name-en]', 'E2E buyer');
    await shot(c, page, 'insight-3-tag-editor');
    await page.click('[data-testid=tag-save]');
    await page.waitForSelector('[data-testid=tag-form]', { state: 'detached' });
    await page.fill('[data-testid=tag-search]', 'e2e_buyer');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=tag-table] .ant-table-row').length === 1,
    );
    const row = page.locator('[data-testid=tag-table] .ant-table-row').first();
    expect(await row.getAttribute('data-key')).toBe('e2e_buyer');
    expect(await row.innerText()).toContain('测试买家');
    const saved: TagList = await (await page.request.get(`${c.base}/api/v1/tags`)).json();
    expect(saved.items.find((x) => x.key === 'e2e_buyer')?.rule).toEqual({
      all: [{ field: 'orders_30d', op: 'between', value: [1, 30] }],
    });
    expect(errorsOf(page)).toEqual([]);
  });

  it('offers no tag editing to a role that may only read, which the server refuses too', async () => {
    const page = await loggedIn(c, 'analyst1');
    await page.goto(`${c.base}/tags`);
    await page.waitForSelector('[data-testid=tag-table] .ant-table-row');
    expect(await page.locator('[data-testid=tag-create]').count()).toBe(0);
    const res = await page.request.post(`${c.base}/api/v1/tags`, {
      data: {
        key: 'x_no',
        kind: 'base',
        nameZh: '不行',
        nameEn: 'No',
        rule: { field: 'is_stub', op: '=', value: true },
      },
    });
    expect(res.status()).toBe(403);
    expect(errorsOf(page)).toEqual([]);
  });

  it('builds a segment on a tag with a holdout, shows both groups, archives and restores it', async () => {
    const page = await loggedIn(c, 'ops');
    await page.goto(`${c.base}/segments`);
    await page.click('[data-testid=segment-create]');
    await page.waitForSelector('[data-testid=rule-editor]');
    expect(page.url()).toContain('/segments/new');
    await page.fill('[data-testid=segment-name]', '测试分群');
    await page.fill('[data-testid=segment-key]', 'e2e_segment');
    // holdout 10% → 30%
    await page.locator('[data-testid=segment-form] .ant-slider-handle').focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    // only a tag condition: remove the starting one, add "has tag <busy>"
    await page.click('[data-testid=rule-remove]');
    await page.waitForSelector('[data-testid=rule-empty]');
    await addCondition(page, '标签条件');
    await pick(page, '[data-testid=rule-tag]', busy.nameZh, true);
    expect(await page.locator('[data-testid=rule-summary]').innerText()).toBe(`有标签「${busy.nameZh}」`);
    expect(await settledCount(page)).toBe(busy.members);
    await shot(c, page, 'insight-4-segment-builder');
    await page.click('[data-testid=segment-save]');
    await page.waitForSelector('[data-testid=segment-detail]');
    expect(page.url()).toMatch(/\/segments\/e2e_segment$/);

    const seg: SegmentView = await (await page.request.get(`${c.base}/api/v1/segments/e2e_segment`)).json();
    expect(seg.rule).toEqual({ all: [{ tag: busy.key, has: true }] });
    expect(seg.holdoutShare).toBeCloseTo(0.3, 5);
    expect(seg.members).toBe(busy.members);
    expect(seg.holdout).toBeGreaterThan(0);
    expect(seg.holdout).toBeLessThan(seg.members);
    expect(await page.locator('[data-testid=segment-members]').innerText()).toBe(
      seg.members.toLocaleString('en-US'),
    );
    expect(await page.locator('[data-testid=segment-holdout-count]').innerText()).toBe(
      seg.holdout.toLocaleString('en-US'),
    );
    expect(await page.locator('[data-testid=segment-treatment]').innerText()).toBe(
      (seg.members - seg.holdout).toLocaleString('en-US'),
    );
    // the holdout tab lists only held-out members
    await page.waitForSelector('[data-testid=segment-member-table] .ant-table-row');
    await page.locator('[data-testid=segment-group] .ant-segmented-item', { hasText: '对照组' }).click();
    // the first page of all members has as many rows as the holdout's: wait for the holdout's own rows
    await page.waitForFunction(
      (n) => {
        const cells = [
          ...document.querySelectorAll('[data-testid=segment-member-table] .ant-table-row td:nth-child(4)'),
        ];
        return cells.length === n && cells.every((c) => c.textContent === '对照组');
      },
      Math.min(50, seg.holdout),
    );
    const groups = await page
      .locator('[data-testid=segment-member-table] .ant-table-row td:nth-child(4)')
      .allInnerTexts();
    expect(new Set(groups)).toEqual(new Set(['对照组']));
    // the Excel export is a workbook
    const href = await page.locator('[data-testid=segment-export]').getAttribute('href');
    const xlsx = await page.request.get(`${c.base}${href}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await shot(c, page, 'insight-5-segment-detail');

    // archive from the detail page, then undo from the toast
    await page.click('[data-testid=segment-archive]');
    await page.waitForSelector('[data-testid=archived-toast]');
    const archived: SegmentView = await (
      await page.request.get(`${c.base}/api/v1/segments/e2e_segment`)
    ).json();
    expect(archived.archivedAt).not.toBeNull();
    await page.click('[data-testid=segment-undo]');
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(`${c.base}/api/v1/segments/e2e_segment`)).json()) as SegmentView)
            .archivedAt,
        {
          timeout: 10_000,
        },
      )
      .toBeNull();

    // archive from the list: it leaves the list, shows among the archived, and comes back
    await page.goto(`${c.base}/segments`);
    const row = page.locator('[data-testid=segment-table] .ant-table-row[data-key=e2e_segment]');
    await row.waitFor();
    await row.locator('[data-testid=segment-archive]').click();
    await row.waitFor({ state: 'detached' });
    await page
      .locator('[data-testid=segment-archived-toggle] .ant-segmented-item', { hasText: '已归档' })
      .click();
    await row.waitFor();
    await shot(c, page, 'insight-6-segments-archived');
    await row.locator('[data-testid=segment-restore]').click();
    await row.waitFor({ state: 'detached' });
    await page
      .locator('[data-testid=segment-archived-toggle] .ant-segmented-item', { hasText: '使用中' })
      .click();
    await row.waitFor();
    const list: { items: SegmentView[] } = await (await page.request.get(`${c.base}/api/v1/segments`)).json();
    expect(list.items.map((s) => s.key)).toContain('e2e_segment');
    expect(errorsOf(page)).toEqual([]);
  });
});
