import { describe, expect, it } from 'vitest';
import { analyze, aspects, intensity, summarizeMember } from './analyze.ts';
import { aspectsOfNormalized, clauses } from './aspects.ts';
import { complaintEmotion } from './intensity.ts';

describe('aspects', () => {
  const cases: Array<[string, Array<[string, number]>]> = [
    [
      '菜很新鲜但是配送太慢',
      [
        ['freshness', 1],
        ['delivery', -1],
      ],
    ],
    [
      '菜很新鲜，配送也很快',
      [
        ['freshness', 1],
        ['delivery', 1],
      ],
    ],
    ['草莓烂了好几个，还发霉', [['freshness', -1]]],
    ['水果不太新鲜', [['freshness', -1]]],
    ['称了一下缺斤少两', [['quantity', -1]]],
    [
      '分量很足，价格也便宜',
      [
        ['quantity', 1],
        ['price', 1],
      ],
    ],
    ['这个价格不贵，很划算', [['price', 1]]],
    ['太贵了', [['price', -1]]],
    ['团长态度很好，很热情', [['service', 1]]],
    ['客服不回复，售后太差', [['service', -1]]],
    ['吃了拉肚子，牛奶还过期了', [['food_safety', -1]]],
    ['包装破损，鸡蛋压烂了', [['packaging', -1]]],
    ['包装很严实，冰袋也够', [['packaging', 1]]],
    ['自提点太远了', [['delivery', -1]]],
    ['物流不慢', [['delivery', 1]]],
    ['分量不够', [['quantity', -1]]],
    [
      '不够新鲜，分量也不足',
      [
        ['freshness', -1],
        ['quantity', -1],
      ],
    ],
    ['没有坏果', [['freshness', 1]]],
    ['今天天气不错', []],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      expect(aspectsOfNormalized(text)).toEqual(expected.map(([aspect, polarity]) => ({ aspect, polarity })));
    });
  }

  it('splits clauses at punctuation and contrast words, not at 不但', () => {
    expect(clauses('菜很新鲜但是配送太慢,下次再买')).toEqual(['菜很新鲜', '但是配送太慢', '下次再买']);
    expect(clauses('不但新鲜而且便宜')).toEqual(['不但新鲜而且便宜']);
  });

  it('asks the clause sentiment only for an aspect the clause names without judging it', () => {
    const asked: string[] = [];
    const fallback = (c: string) => (asked.push(c), 0.1);
    expect(aspectsOfNormalized('配送员送来的时候箱子湿漉漉的', fallback)).toEqual([
      { aspect: 'delivery', polarity: -1 },
      { aspect: 'packaging', polarity: -1 },
    ]);
    expect(asked).toEqual(['配送员送来的时候箱子湿漉漉的']);
    expect(aspectsOfNormalized('配送很准时', fallback)).toEqual([{ aspect: 'delivery', polarity: 1 }]);
  });

  it('works on raw text (traditional, full-width)', () => {
    expect(aspects('菜很新鮮！但是配送太慢！！')).toEqual([
      { aspect: 'freshness', polarity: 1 },
      { aspect: 'delivery', polarity: -1 },
    ]);
  });
});

describe('complaint intensity', () => {
  it('orders a calm complaint below a threat to complain and expose', () => {
    const calm = intensity('菜有一点不新鲜，下次注意一下');
    const angry = intensity('再也不买了，我要投诉到12315，还要曝光你们');
    const furious = intensity('再也不买了！！！我要投诉到12315，还要曝光你们，报警！');
    const happy = intensity('很新鲜，团长很热情，下次还来');
    expect(happy).toBeLessThan(calm);
    expect(calm).toBeLessThan(angry);
    expect(angry).toBeLessThanOrEqual(furious);
    expect(angry).toBeGreaterThanOrEqual(70);
    expect(calm).toBeLessThan(50);
    for (const x of [calm, angry, furious, happy]) expect(x).toBeGreaterThanOrEqual(0);
    expect(furious).toBeLessThanOrEqual(100);
  });

  it('sees through spacing and traditional characters, and reports its cues', () => {
    const e = complaintEmotion('我要投 诉,打12315', '我要投 訴,打12315', 0.1);
    expect(e.cues).toEqual(['投诉', '12315']);
    expect(e.urgency).toBeGreaterThan(70);
    expect(complaintEmotion('', '', 0.5)).toEqual({ intensity: 0, anger: 0, urgency: 0, cues: [] });
  });
});

describe('analyze', () => {
  it('returns exactly the CLI shape', () => {
    const a = analyze('菜很新鲜但是配送太慢');
    expect(Object.keys(a)).toEqual(['label', 'probability', 'intensity', 'aspects']);
    expect([0, 1]).toContain(a.label);
    expect(a.probability).toBeGreaterThanOrEqual(0);
    expect(a.probability).toBeLessThanOrEqual(1);
    expect(Number.isInteger(a.intensity)).toBe(true);
    expect(a.aspects).toEqual([
      { aspect: 'freshness', polarity: 1 },
      { aspect: 'delivery', polarity: -1 },
    ]);
  });

  it('handles bad input without crashing and with a sensible result', () => {
    const empty = analyze('');
    expect(empty).toEqual({ label: 1, probability: 0.5, intensity: 0, aspects: [] });
    expect(analyze(null as unknown as string)).toEqual(empty);
    expect(analyze('<script>alert(1)</script><br/>')).toEqual(empty);
    expect(analyze('😍😍👍').label).toBe(1);
    expect(analyze('😡🤮👎').label).toBe(0);
    const huge = analyze('垃圾，太难吃了，'.repeat(13_000));
    expect(huge.label).toBe(0);
    expect(huge.aspects).toContainEqual({ aspect: 'freshness', polarity: -1 });
    const broken = analyze('很好吃\ud800\udc00\udfff下次还买');
    expect(broken.label).toBe(1);
    const mixed = analyze('The delivery was late, 配送太慢了, very bad');
    expect(mixed.label).toBe(0);
    expect(mixed.aspects).toContainEqual({ aspect: 'delivery', polarity: -1 });
    expect(analyze('<b>菜很新鲜</b><script>var x="配送太慢"</script>').aspects).toEqual([
      { aspect: 'freshness', polarity: 1 },
    ]);
  });

  it('rolls analyses up per member', () => {
    const s = summarizeMember([
      analyze('菜很新鲜但是配送太慢'),
      analyze('又送晚了，太慢'),
      analyze('很新鲜'),
    ]);
    expect(s.texts).toBe(3);
    expect(s.aspects).toEqual([
      { aspect: 'freshness', positive: 2, neutral: 0, negative: 0 },
      { aspect: 'delivery', positive: 0, neutral: 0, negative: 2 },
    ]);
    expect(summarizeMember([]).texts).toBe(0);
  });
});
