import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import type { App } from '../../platform/context.ts';
import { count } from '../../../test/harness.ts';
import { allOk, COPY, openLab, passReview, submit, type Lab } from './compliance.fixture.ts';
import { liveBook, screenText } from './packs.service.ts';

describe('rule packs as data, allow-list, learning from reviewers, dashboard, live scan', () => {
  let lab: Lab;
  let other: App | null = null;
  beforeAll(async () => {
    lab = await openLab();
  });
  afterAll(async () => {
    await other?.database.close();
    await lab?.close();
  });

  it('stores the shipped packs as version 1 and lists them', async () => {
    const list = await lab.as('analyst', 'GET', '/api/v1/compliance/packs');
    expect(list.body.items).toHaveLength(12);
    expect(
      list.body.items.every((p: { version: number; builtin: boolean }) => p.version === 1 && p.builtin),
    ).toBe(true);
    const abs = await lab.as('analyst', 'GET', '/api/v1/compliance/packs/absolute_terms');
    expect(abs.body).toMatchObject({
      version: 1,
      builtin: true,
      pack: { id: 'absolute_terms', version: '1' },
    });
    expect(abs.body.versions).toHaveLength(1);
    expect((await lab.as('analyst', 'GET', '/api/v1/compliance/packs/nope')).status).toBe(404);
  });

  it('refuses a broken pack with the reason and keeps the live one; a good one is live at once', async () => {
    const pack = (await lab.as('legal', 'GET', '/api/v1/compliance/packs/absolute_terms')).body.pack;
    const broken = structuredClone(pack);
    broken.rules.push({ id: 'abs.house', severity: 'review', patterns: ['霸王(级'] });
    const r = await lab.as('legal', 'PUT', '/api/v1/compliance/packs/absolute_terms', { pack: broken });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('compliance.pack_invalid');
    expect(r.body.details[0]).toMatchObject({
      rule: 'abs.house',
      path: `rules[${pack.rules.length}].patterns[0]`,
    });
    expect(r.body.details[0].message).toContain('unclosed "("');
    expect(r.body.message).toContain('the live one stays');
    // a rule id another pack already uses
    const dup = structuredClone(pack);
    dup.rules.push({ id: 'med.indicator', severity: 'review', patterns: ['霸王级'] });
    expect(
      (await lab.as('legal', 'PUT', '/api/v1/compliance/packs/absolute_terms', { pack: dup })).status,
    ).toBe(400);
    const scan0 = await lab.as('author', 'POST', '/api/v1/compliance/scan', { text: '霸王级口感' });
    expect(scan0.body.verdict).toBe('pass');

    // the test box: the unsaved pack, nothing stored
    const good = structuredClone(pack);
    good.rules.push({ id: 'abs.house', severity: 'review', patterns: ['霸王(级|款)'], suggestion: '删除' });
    const trial = await lab.as('author', 'POST', '/api/v1/compliance/packs/test', {
      pack: good,
      text: '霸王级口感',
    });
    expect(trial.body.ok).toBe(true);
    expect(trial.body.result.violations[0]).toMatchObject({ ruleId: 'abs.house', term: '霸王级' });
    const trialBad = await lab.as('author', 'POST', '/api/v1/compliance/packs/test', {
      pack: broken,
      text: 'x',
    });
    expect(trialBad.body).toMatchObject({ ok: false });
    expect(trialBad.body.problems[0].message).toContain('unclosed');
    // only legal edits packs
    expect(
      (await lab.as('reviewer', 'PUT', '/api/v1/compliance/packs/absolute_terms', { pack: good })).status,
    ).toBe(403);

    const saved = await lab.as('legal', 'PUT', '/api/v1/compliance/packs/absolute_terms', {
      pack: good,
      note: '霸王级',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, builtin: false, note: '霸王级', createdBy: 'lin' });
    expect(saved.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const scan1 = await lab.as('author', 'POST', '/api/v1/compliance/scan', { text: '霸王级口感' });
    expect(scan1.body.hits[0]).toMatchObject({ ruleId: 'abs.house', start: 0, end: 3 });
    expect(scan1.body.packs).toContain('absolute_terms@2');
    // a submission records the pack versions that screened it
    const d = await submit(lab, '霸王款草莓');
    expect(d.versions[0]!.packs).toContain('absolute_terms@2');
    expect(await count(lab.t.app, "SELECT count(*) FROM audit_log WHERE entity = 'compliance_pack'")).toBe(1);
  });

  it('another process picks up a saved pack without a restart', async () => {
    other = await createApp(lab.t.app.config, { logLevel: 'silent' });
    const before = await liveBook(other.database);
    expect(before.book.version).toContain('absolute_terms@2');
    const pack = (await lab.as('legal', 'GET', '/api/v1/compliance/packs/superstition')).body.pack;
    pack.rules.push({ id: 'sup.house', severity: 'block', patterns: ['保佑发财'] });
    await lab.as('legal', 'PUT', '/api/v1/compliance/packs/superstition', { pack });
    // a submission looks at the revision every time; highlighting within a second
    expect((await screenText(other.database, '吃了保佑发财', { fresh: true })).verdict).toBe('block');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await screenText(other.database, '保佑发财')).violations[0]!.ruleId).toBe('sup.house');
  });

  it('turns a frequent false positive into an allow-list entry in one click', async () => {
    // reviewers overrule 招财 twice: a candidate
    for (const text of ['招财猫造型饼干，新年好礼', '招财猫造型饼干，送礼佳品']) {
      const d = await submit(lab, text);
      await passReview(lab, d);
    }
    const stats = await lab.as('reviewer', 'GET', '/api/v1/compliance/rules/stats');
    const soft = stats.body.rules.find((r: { ruleId: string }) => r.ruleId === 'sup.soft');
    expect(soft).toMatchObject({ overruled: 2, confirmed: 0, precision: 0 });
    expect(soft.falsePositives).toEqual([{ term: '招财', count: 2 }]);

    expect(
      (await lab.as('author', 'POST', '/api/v1/compliance/allow', { ruleId: 'sup.soft', phrase: '招财猫' }))
        .status,
    ).toBe(403);
    const add = await lab.as('reviewer', 'POST', '/api/v1/compliance/allow', {
      ruleId: 'sup.soft',
      phrase: '招财猫',
      note: '造型名',
    });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ created: true, packId: 'superstition', version: 3 });
    const again = await lab.as('reviewer', 'POST', '/api/v1/compliance/allow', {
      ruleId: 'sup.soft',
      phrase: '招财猫',
    });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(
      (await lab.as('author', 'POST', '/api/v1/compliance/scan', { text: '招财猫造型饼干' })).body.verdict,
    ).toBe('pass');
    expect(
      (await lab.as('author', 'POST', '/api/v1/compliance/scan', { text: '招财进宝' })).body.verdict,
    ).toBe('review');
    const entries = await lab.as('analyst', 'GET', '/api/v1/compliance/allow?ruleId=sup.soft');
    expect(entries.body.items).toMatchObject([{ phrase: '招财猫', packVersion: 3, createdBy: 'rita' }]);
    expect(
      (await lab.as('reviewer', 'POST', '/api/v1/compliance/allow', { ruleId: 'no.rule', phrase: 'x' }))
        .status,
    ).toBe(404);
    expect(
      (await lab.as('reviewer', 'POST', '/api/v1/compliance/allow', { ruleId: 'sup.soft', phrase: '。。' }))
        .body.code,
    ).toBe('compliance.allow_empty');
  });

  it('per-category recall from violations marked missed; confirmed hits count for precision', async () => {
    const d = await submit(lab, COPY.priceReview + '。');
    await lab.as('reviewer', 'PUT', `/api/v1/compliance/items/${d.item.id}/verdicts`, {
      version: 1,
      verdicts: d.versions[0]!.hits.map((h) => ({ hit: h.key, verdict: 'confirmed' })),
    });
    await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${d.item.id}/missed`, {
      version: 1,
      category: 'false_claims',
      term: '今天只要',
    });
    const stats = (await lab.as('reviewer', 'GET', '/api/v1/compliance/rules/stats')).body;
    expect(stats.rules.find((r: { ruleId: string }) => r.ruleId === 'price.reference')).toMatchObject({
      confirmed: 1,
      precision: 1,
    });
    expect(stats.categories.find((c: { category: string }) => c.category === 'false_claims')).toMatchObject({
      missed: 1,
      confirmed: 0,
      recall: 0,
    });
    expect(stats.categories.find((c: { category: string }) => c.category === 'price_fraud')).toMatchObject({
      recall: 1,
    });
  });

  it('operators add checklist items; reviewers answer them', async () => {
    const add = await lab.as('legal', 'POST', '/api/v1/compliance/checklist', {
      key: 'food_label',
      title: '食品标签与配料表一致',
      law: '食品安全法第六十七条',
      highRisk: true,
    });
    expect(add.body).toMatchObject({ key: 'food_label', builtin: false, enabled: true });
    expect(
      (await lab.as('legal', 'POST', '/api/v1/compliance/checklist', { key: 'minors', title: 'x' })).status,
    ).toBe(409);
    const d = await submit(lab, COPY.clean + '，配料：草莓');
    expect(d.checklist.map((c) => c.key)).toContain('food_label');
    const concern = await passReview(lab, d, { checklist: { ...allOk(d), food_label: 'concern' } });
    expect(concern.body.item.status).toBe('legal');
    await lab.as('legal', 'PUT', '/api/v1/compliance/checklist/food_label', { enabled: false });
    expect((await lab.as('analyst', 'GET', '/api/v1/compliance/checklist')).body.items).toHaveLength(12);
    expect((await lab.as('analyst', 'GET', '/api/v1/compliance/checklist?all=true')).body.items).toHaveLength(
      13,
    );
  });

  it('the dashboard: interception, violation rate by week, SLA attainment, top rules', async () => {
    const d = await submit(lab, COPY.softReview + '，欢迎选购');
    await passReview(lab, d);
    await lab.as('legal', 'POST', `/api/v1/compliance/items/${d.item.id}/recall`, {
      category: 'superstition',
      reason: '迷信',
    });
    await submit(lab, COPY.blocked);
    const dash = (await lab.as('analyst', 'GET', '/api/v1/compliance/dashboard')).body;
    expect(dash.items).toBeGreaterThan(5);
    expect(dash.blockedAtScreen).toBe(1);
    expect(dash.recalled).toBe(1);
    expect(dash.flaggedRate).toBeGreaterThan(0);
    expect(dash.interceptionRate).toBeGreaterThan(0);
    expect(dash.interceptionRate).toBeLessThanOrEqual(1);
    const week = dash.weeks.at(-1);
    expect(week.recalled).toBe(1);
    expect(week.violationRate).toBeCloseTo(1 / week.approved, 9);
    expect(dash.sla.map((s: { stage: string }) => s.stage)).toEqual(['review', 'legal']);
    expect(dash.sla[0]).toMatchObject({ hours: 4, attainment: 1 });
    expect(dash.topRules.length).toBeGreaterThan(0);
    expect((await lab.as('analyst', 'GET', '/api/v1/compliance/dashboard?from=2020-13-01')).status).toBe(400);
    const backwards = await lab.as(
      'analyst',
      'GET',
      '/api/v1/compliance/dashboard?from=2026-02-01&to=2026-01-01',
    );
    expect(backwards.body.code).toBe('compliance.range_invalid');
  });

  it('answers the live scan well within 100 ms for ordinary copy', async () => {
    const text = ('本店草莓新鲜采摘，今日到货，欢迎邻居们下单。' + COPY.priceReview + '，最好吃的草莓。')
      .repeat(4)
      .slice(0, 200);
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      const r = await lab.as('author', 'POST', '/api/v1/compliance/scan', { text });
      times.push(performance.now() - t0);
      expect(r.body.verdict).toBe('block');
    }
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length * 0.95)]!).toBeLessThan(100);
    const empty = await lab.as('author', 'POST', '/api/v1/compliance/scan', { text: '' });
    expect(empty.body).toMatchObject({ verdict: 'pass', hits: [] });
  });
});
