import { describe, expect, it } from 'vitest';
import { LEVELS, triage, type TriageResult } from './index.ts';

const valid = (r: TriageResult, text: string) => {
  expect(LEVELS).toContain(r.level);
  expect(r.category === null).toBe(r.level === 0);
  expect(r.reasons.length === 0).toBe(r.level === 0);
  expect(Number.isNaN(r.level)).toBe(false);
  for (const e of r.evidence) {
    expect(e.start).toBeGreaterThanOrEqual(0);
    expect(e.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(e.start, e.end)).toBe(e.text);
  }
};

describe('bad input', () => {
  it('empty, blank, only emoji or punctuation, and non-strings are level 0 without throwing', () => {
    for (const t of [
      '',
      '   ',
      '\n\t',
      '😀😀😀🍓🍓',
      '[捂脸][捂脸]',
      '。。。！！！',
      '\u200b\u200b',
      null,
      undefined,
      42,
      {},
      [],
    ] as unknown[])
      expect(triage(t as string)).toEqual({ level: 0, category: null, reasons: [], evidence: [] });
  });

  it('a 100 KB text is triaged whole, in bounded time', () => {
    const calm = '今天的青菜很新鲜，谢谢团长。'.repeat(7300); // ≈ 100 K code units
    const t0 = performance.now();
    expect(triage(calm).level).toBe(0);
    const tail = `${calm}另外：孩子吃了卤鸭以后一直拉肚子`;
    const r = triage(tail);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.level).toBe(3);
    valid(r, tail);
    const noisy = '烂了！退钱！12315！'.repeat(10_000);
    const n = triage(noisy);
    expect(n.level).toBe(3);
    expect(n.evidence.length).toBeLessThanOrEqual(40);
    valid(n, noisy);
  });

  it('HTML and script tags are text: never interpreted, spans point into the raw string', () => {
    const harmless = '<script>alert("团长好")</script><b>草莓很甜</b>';
    expect(triage(harmless).level).toBe(0);
    const html = '<p onclick="x()">吃了<b>凉皮</b>以后<i>上吐下泻</i></p>';
    const r = triage(html);
    expect(r.level).toBe(3);
    valid(r, html);
  });

  it('non-Chinese text: an answer, and the plainest English and pinyin cues', () => {
    for (const t of ['Great strawberries, thank you!', 'Bonjour, merci beaucoup', 'こんにちは、ありがとう'])
      expect(triage(t).level).toBe(0);
    expect(triage('the strawberries were rotten').level).toBe(1);
    expect(triage('my son got food poisoning after eating the salad').level).toBe(3);
  });

  it('replacement characters and lone surrogates from bad UTF-8 or UTF-16', () => {
    for (const t of [
      '\ufffd\ufffd\ufffd',
      '草\ufffd莓\ufffd烂了',
      '吃了\ud800拉肚子\udfff',
      '\udc00\ud800',
    ]) {
      const r = triage(t);
      valid(r, t);
    }
    expect(triage('草\ufffd莓烂了，能补一个吗').level).toBe(1);
    expect(triage('吃了\ud800以后拉肚子').level).toBe(3);
  });

  it('a context of the wrong shape is ignored', () => {
    for (const c of [null, 'x', 7, { priorOpenComplaints: Number.NaN }, { orderAgeHours: Infinity }])
      expect(triage('葡萄有几颗烂了', c as never).level).toBe(1);
  });

  it('the same text always gives the same answer', () => {
    const t = '第三次买到烂橙子了，必须退款！！';
    expect(triage(t)).toEqual(triage(t));
  });
});
