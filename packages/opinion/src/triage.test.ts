import { describe, expect, it } from 'vitest';
import { EXAMPLES, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type Example } from './examples.fixture.ts';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  LEVEL_LABELS,
  REASONS,
  REASON_LABELS,
  REASON_LEVEL,
  triage,
  triageVersion,
} from './index.ts';

const check = (e: Example) => {
  const r = triage(e.text);
  expect({ text: e.text, level: r.level }).toEqual({ text: e.text, level: e.level });
  if (e.category !== null)
    expect({ text: e.text, category: r.category }).toEqual({ text: e.text, category: e.category });
  for (const reason of e.reasons ?? [])
    expect({ text: e.text, reasons: r.reasons }).toEqual({
      text: e.text,
      reasons: expect.arrayContaining([reason]),
    });
};

describe('levels', () => {
  it.each(LEVEL_3.map((e) => [e.text, e]))('3: %s', (_, e) => check(e));
  it.each(LEVEL_2.map((e) => [e.text, e]))('2: %s', (_, e) => check(e));
  it.each(LEVEL_1.map((e) => [e.text, e]))('1: %s', (_, e) => check(e));
  it.each(LEVEL_0.map((e) => [e.text, e]))('0: %s', (_, e) => check(e));
});

describe('the boundaries of the specification', () => {
  const level = (t: string) => triage(t).level;

  it('0 or 1: accepted or resolved is 0, reported and wanting it seen is 1', () => {
    expect(level('桃子有点硬，放两天就好了，没事')).toBe(0);
    expect(level('桃子有点硬，而且有两个烂了，能帮忙看看吗')).toBe(1);
    expect(level('昨天少的那袋土豆，团长今天已经补发了')).toBe(0);
    expect(level('昨天少了一袋土豆')).toBe(1);
  });

  it('1 or 2: a polite ask is 1; anger with a demand, a repeat or a stuck case is 2', () => {
    expect(level('小番茄有几个裂开了，可以退一点吗')).toBe(1);
    expect(level('小番茄全裂开了，必须全额退款！')).toBe(2);
    expect(level('第三次收到裂开的小番茄了')).toBe(2);
    expect(level('退款申请都一个星期了还没到账')).toBe(2);
    expect(level('再这样以后再也不买了')).toBe(2);
  });

  it('2 or 3: found before eating is 2, eaten and unwell is 3; a few households 2, ten or more 3', () => {
    expect(level('牛奶打开一股酸味，还没喝，日期也过期了')).toBe(2);
    expect(level('牛奶喝了以后一家人都拉肚子')).toBe(3);
    expect(level('我们楼好几家的西瓜都是坏的')).toBe(2);
    expect(level('我们楼二十多户的西瓜都是坏的')).toBe(3);
    expect(level('我要投诉她，态度太差了')).toBe(2);
    expect(level('态度太差了，我要打12315投诉你们')).toBe(3);
  });
});

describe('categories', () => {
  it('every category is produced by some example', () => {
    const seen = new Set(EXAMPLES.map((e) => triage(e.text).category));
    for (const c of CATEGORIES) expect({ c, seen: seen.has(c) }).toEqual({ c, seen: true });
  });

  it('routes as a manager would: harm first, then the leader, then the original problem', () => {
    const cat = (t: string) => triage(t).category;
    // harm by food beats the refund that follows
    expect(cat('吃了你们的凉面拉肚子，退款还没到')).toBe('food_safety');
    // a leader's own dishonesty beats the goods
    expect(cat('团长把坏掉的鸡蛋混在好鸡蛋里卖给我们，还加价')).toBe('leader_conduct');
    // the original problem, not the refund it leads to
    expect(cat('芒果烂了一半，能退款吗')).toBe('quality_freshness');
    // unless the refund process itself is the complaint
    expect(cat('芒果的退款被驳回了，理由是超过时间')).toBe('refund_after_sales');
    // tone is service attitude even when the leader is rude
    expect(cat('团长在群里骂我事多')).toBe('service_attitude');
  });
});

describe('reasons', () => {
  it('every reason is produced by some example and has labels and a level', () => {
    const seen = new Set(EXAMPLES.flatMap((e) => triage(e.text).reasons));
    for (const r of REASONS) {
      if (r !== 'negative_experience') expect({ r, seen: seen.has(r) }).toEqual({ r, seen: true });
      expect(REASON_LABELS[r].zh.length).toBeGreaterThan(0);
      expect(REASON_LABELS[r].en.length).toBeGreaterThan(0);
      expect([1, 2, 3]).toContain(REASON_LEVEL[r]);
    }
    expect(triage('今天的生菜有几片烂叶子').reasons).toEqual(['negative_experience']);
    for (const c of CATEGORIES) expect(CATEGORY_LABELS[c].zh).toBeTruthy();
    expect(LEVEL_LABELS[3].zh).toBe('三级升级');
  });

  it('the level is the highest level of the reasons; reasons come most severe first', () => {
    for (const e of EXAMPLES) {
      const r = triage(e.text);
      if (r.level === 0) {
        expect(r).toEqual({ level: 0, category: null, reasons: [], evidence: [] });
        continue;
      }
      expect(r.category).not.toBeNull();
      expect(Math.max(...r.reasons.map((x) => REASON_LEVEL[x]))).toBe(r.level);
      const order = r.reasons.map((x) => REASONS.indexOf(x));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('evidence spans are slices of the text as given, in order, for highlighting', () => {
    const text = '【投诉】吃了團購的滷鴨，晚上開始肚子疼！！我要打１２３１５';
    const r = triage(text);
    expect(r.level).toBe(3);
    expect(r.reasons).toEqual(expect.arrayContaining(['harm_to_person', 'authority_or_media']));
    for (const e of r.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(r.evidence.map((e) => e.text)).toEqual(expect.arrayContaining(['肚子疼', '１２３１５']));
    const starts = r.evidence.map((e) => e.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

describe('context', () => {
  it('open complaints make a new complaint a repeat; an old order makes a refund stuck', () => {
    expect(triage('葡萄有几颗烂了').level).toBe(1);
    expect(triage('葡萄有几颗烂了', { priorOpenComplaints: 1 })).toMatchObject({
      level: 2,
      reasons: ['repeat'],
    });
    expect(triage('退款什么时候到？').level).toBe(0);
    expect(triage('葡萄烂了，退款什么时候到', { orderAgeHours: 96 }).reasons).toContain('stuck_refund');
    // context never makes a harmless message an alert
    expect(triage('谢谢团长，葡萄很甜', { priorOpenComplaints: 5, orderAgeHours: 500 }).level).toBe(0);
  });

  it('a version to store with each triage', () => {
    expect(triageVersion()).toMatch(/^opinion-[0-9a-f]{12}$/);
    expect(triageVersion()).toBe(triageVersion());
  });
});
