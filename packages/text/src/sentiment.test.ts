import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CORPORA, hasCorpora, readCorpus } from './corpus.fixture.ts';
import { featurize } from './features.ts';
import { segment } from './segment.ts';
import {
  decodeModel,
  emojiScore,
  encodeModel,
  sentiment,
  sentimentModel,
  sentimentOfNormalized,
  SENTIMENT_MODEL_FILE,
} from './sentiment.ts';
import { splitOf } from './split.ts';
import { trainSentiment, type LabelledText, type TrainReport } from './train-pipeline.ts';
import { calibration, fitPlatt } from './train.ts';

const REPORT = new URL('../model/sentiment-report.json', import.meta.url);

/** A small labelled set written out here, so the determinism test needs no shared data. */
function syntheticReviews(): LabelledText[] {
  const good = ['新鲜', '好吃', '很甜', '便宜', '送得快', '团长热情', '包装好', '分量足', '满意', '推荐'];
  const bad = ['烂了', '难吃', '发霉', '太贵', '太慢', '态度差', '破损', '缺斤少两', '失望', '退款'];
  const things = ['苹果', '草莓', '青菜', '牛奶', '鸡蛋', '猪肉', '橙子', '西瓜'];
  const out: LabelledText[] = [];
  things.forEach((thing, t) =>
    [good, bad].forEach((words, label) =>
      words.forEach((w, i) => {
        const text = `${thing}${w}，${words[(i + t + 1) % words.length]}${label ? '' : '，下次还买'}`;
        out.push({ corpus: `c${t % 2}`, label: label ? 0 : 1, text, norm: text, split: splitOf(text) });
      }),
    ),
  );
  return out;
}

describe('sentiment model artifact', () => {
  it('round-trips through encode/decode', () => {
    const w = Float64Array.from({ length: 1 << 10 }, (_, i) => Math.sin(i) * (i % 7 === 0 ? 0 : 1));
    const bytes = encodeModel(
      {
        spec: { bits: 10, charMin: 1, charMax: 2, words: true, wordBigrams: false },
        bias: 0.25,
        calibration: { a: 1.5, b: -0.1 },
        description: 'test',
      },
      w,
    );
    const m = decodeModel(bytes);
    expect(m.bias).toBe(0.25);
    expect(m.calibration).toEqual({ a: 1.5, b: -0.1 });
    for (let i = 0; i < w.length; i++)
      expect(Math.abs(m.weights[i]! * m.scale - w[i]!)).toBeLessThanOrEqual(m.scale / 2 + 1e-12);
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 2))).toThrow(/truncated/);
    expect(() => decodeModel(new Uint8Array(16))).toThrow(/not a sentiment model/);
  });

  it('training is deterministic: the same data gives byte-identical artifacts', () => {
    const rows = syntheticReviews();
    const options = {
      bits: 14,
      variants: [
        {
          name: 'c',
          description: '',
          spec: { charMin: 1, charMax: 3, words: false, wordBigrams: false },
          l2: [0.5, 1],
        },
        {
          name: 'nb',
          description: '',
          spec: { charMin: 1, charMax: 2, words: true, wordBigrams: true },
          nb: { alpha: 1, beta: 1 },
          l2: [1],
        },
        {
          name: 'net',
          description: '',
          spec: { charMin: 1, charMax: 3, words: true, wordBigrams: true },
          l2: [],
          mlp: { bits: 10, dim: 4, hidden: 4, epochs: 3, learningRate: 0.2, seed: 1 },
        },
      ],
      ensemble: ['c', 'nb', 'net'],
    };
    const a = trainSentiment(rows, options);
    const b = trainSentiment([...rows], options);
    expect(Buffer.compare(Buffer.from(a.model), Buffer.from(b.model))).toBe(0);
    expect(a.report.variants.map((v) => v.test)).toEqual(b.report.variants.map((v) => v.test));
    // and it learned something: the training texts are separable
    const m = decodeModel(a.model);
    expect(m.mlp, 'the network is stacked in').toBeDefined();
    const train = rows.filter((r) => r.split === 'train');
    const right = train.filter((r) => sentimentOfNormalized(r.norm, segment(r.norm), m).label === r.label);
    expect(right.length / train.length).toBeGreaterThan(0.9);
  });

  it('featurize gives sorted distinct buckets within range', () => {
    const f = featurize('菜很新鲜😀', ['菜', '很', '新鲜', '😀'], {
      bits: 12,
      charMin: 1,
      charMax: 3,
      words: true,
      wordBigrams: true,
    });
    for (let i = 1; i < f.length; i++) expect(f[i]!).toBeGreaterThan(f[i - 1]!);
    expect(f[f.length - 1]!).toBeLessThan(1 << 12);
    expect(
      featurize('', [], { bits: 12, charMin: 1, charMax: 3, words: true, wordBigrams: true }).length,
    ).toBe(1);
  });

  it('Platt scaling and calibration figures behave', () => {
    const scores = Array.from({ length: 2000 }, (_, i) => (i / 1000 - 1) * 4);
    const labels = scores.map((s, i) => (1 / (1 + Math.exp(-s / 2)) > ((i * 7919) % 1000) / 1000 ? 1 : 0));
    const p = fitPlatt(scores, labels);
    expect(p.a).toBeGreaterThan(0.3);
    expect(p.a).toBeLessThan(0.8);
    const perfect = calibration([0.05, 0.95, 0.95, 0.05], [0, 1, 1, 0]);
    expect(perfect.ece).toBeCloseTo(0.05);
    expect(perfect.brier).toBeCloseTo(0.0025);
  });

  it('reads emoji as a prior', () => {
    expect(emojiScore('好😍😍👍')).toBe(2);
    expect(emojiScore('😡🤮👎💩😭')).toBe(-2.5);
    expect(emojiScore('没有表情')).toBe(0);
  });
});

describe('shipped sentiment model', () => {
  it('is committed, small and loads', () => {
    expect(existsSync(SENTIMENT_MODEL_FILE)).toBe(true);
    expect(readFileSync(SENTIMENT_MODEL_FILE).length).toBeLessThanOrEqual(20 * 1024 * 1024);
    const m = sentimentModel();
    expect(m.weights.length).toBe(1 << m.spec.bits);
    const report = JSON.parse(readFileSync(REPORT, 'utf8')) as { sha256: string; limit: number | null };
    expect(createHash('sha256').update(readFileSync(SENTIMENT_MODEL_FILE)).digest('hex')).toBe(report.sha256);
    expect(report.limit).toBeNull();
  });

  it('reads plain reviews right', () => {
    expect(sentiment('水果很新鲜，很甜，下次还买').label).toBe(1);
    expect(sentiment('送来的草莓全烂了，太差了，再也不买').label).toBe(0);
    expect(sentiment('房间干净，服务周到，推荐').label).toBe(1);
    expect(sentiment('等了两个小时才送到，饭都凉了').label).toBe(0);
  });

  it.skipIf(!hasCorpora)(
    'scores at least the reported accuracy on every corpus held-out split',
    () => {
      const report = JSON.parse(readFileSync(REPORT, 'utf8')) as TrainReport;
      const model = sentimentModel();
      const cache = new Map<string, number>();
      for (const { name } of CORPORA) {
        const test = readCorpus(name).filter((r) => r.split === 'test');
        let correct = 0;
        for (const r of test) {
          let label = cache.get(r.norm);
          if (label === undefined)
            cache.set(r.norm, (label = sentimentOfNormalized(r.norm, segment(r.norm), model).label));
          if (label === r.label) correct++;
        }
        const reported = report.shipped.test[name]!;
        expect(test.length, name).toBe(reported.total);
        expect(correct, name).toBeGreaterThanOrEqual(reported.correct);
      }
    },
    120_000,
  );
});
