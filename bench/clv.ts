/**
 * Customer-model benchmark: BG/NBD + Gamma-Gamma fitted on the full CDNOW transactions (23,570
 * customers, calibration to 1997-09-30, weeks; goal ≤ 2 s for both fits) and k-means on synthetic
 * 3-D points (goal ≤ 20 s for 1,000,000), printing timings and what was fitted.
 *
 *   npm run bench:clv -- [--transactions FILE] [--points 1000000] [--k 5] [--restarts 4] [--seed 1]
 *                        [--spread 1]
 *
 * --spread scales the clusters' standard deviations: 1 gives well-separated blobs, 3 overlapping
 * ones that take Lloyd's algorithm many more iterations.
 *
 * The transactions default to ../shared/data/clv/cdnow_transactions.csv next to the repository.
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  adjustedRandIndex,
  fitBgNbd,
  fitGammaGamma,
  holdoutValidation,
  kMeans,
  parseDay,
  periodLength,
  seededRandom,
  silhouetteScore,
  spendSample,
  standardize,
  summarizeWithHoldout,
} from '@linli/intelligence';
import { readTransactions } from '../apps/server/src/modules/intelligence/index.ts';
import { table } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    transactions: {
      type: 'string',
      default: fileURLToPath(new URL('../../shared/data/clv/cdnow_transactions.csv', import.meta.url)),
    },
    points: { type: 'string', default: '1000000' },
    k: { type: 'string', default: '5' },
    restarts: { type: 'string', default: '4' },
    seed: { type: 'string', default: '1' },
    spread: { type: 'string', default: '1' },
  },
});

const timed = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const f = (x: number, d = 4) => x.toFixed(d);

// --- CLV models on CDNOW --------------------------------------------------------------------------
const calibrationEnd = parseDay('1997-09-30')!;
const holdoutEnd = parseDay('1998-06-30')!;
const t0 = performance.now();
const log = await readTransactions(createReadStream(args.transactions), args.transactions);
const readMs = performance.now() - t0;
const [data, summaryMs] = timed(() => summarizeWithHoldout(log, { calibrationEnd, holdoutEnd }));
const [bg, bgMs] = timed(() => fitBgNbd(data));
const spenders = spendSample(data);
const [gg, ggMs] = timed(() => fitGammaGamma(spenders));
const [holdout, holdoutMs] = timed(() =>
  holdoutValidation(bg.params, data, periodLength(calibrationEnd, holdoutEnd)),
);
const fitMs = bgMs + ggMs;

console.log(
  `\nCDNOW: ${data.length.toLocaleString('en-US')} customers, ${spenders.length} with repeat purchases`,
);
console.log(
  table(
    ['step', 'time', 'result'],
    [
      ['read CSV (csv-parse, streamed)', s(readMs), `${log.size} customers`],
      ['summaries (weeks)', s(summaryMs), ''],
      [
        'BG/NBD fit',
        s(bgMs),
        `r ${f(bg.params.r)} α ${f(bg.params.alpha)} a ${f(bg.params.a)} b ${f(bg.params.b)}, LL ${f(bg.logLikelihood, 2)}, ${bg.evaluations} evaluations`,
      ],
      ['Gamma-Gamma fit', s(ggMs), `p ${f(gg.params.p)} q ${f(gg.params.q)} v ${f(gg.params.v)}`],
      [
        'holdout forecast (39 weeks)',
        s(holdoutMs),
        `${f(holdout.totalPredicted, 0)} predicted, ${holdout.totalActual} actual purchase days`,
      ],
    ],
  ),
);
console.log(`both fits: ${s(fitMs)} (goal ≤ 2 s: ${fitMs <= 2000 ? 'met' : 'missed'})`);

// --- k-means on synthetic points ------------------------------------------------------------------
const n = Number(args.points);
const k = Number(args.k);
const rand = seededRandom(Number(args.seed));
const spread = Number(args.spread);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const [points, genMs] = timed(() => {
  // k blobs with centres 6 apart on random axes and unequal spreads, as a stand-in for personas
  const centres = Array.from({ length: k }, () => [0, 0, 0].map(() => Math.round(rand() * 4) * 6));
  const data = new Float64Array(n * 3);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = i % k;
    truth[i] = j;
    for (let t = 0; t < 3; t++) data[i * 3 + t] = centres[j]![t]! + spread * (0.6 + 0.2 * j) * gauss();
  }
  return { m: { data, n, d: 3 }, truth };
});
const [z, zMs] = timed(() => standardize(points.m).matrix);
const restarts = Number(args.restarts);
const [km, kmMs] = timed(() => kMeans(z, k, { seed: Number(args.seed), restarts }));
const [sil, silMs] = timed(() => silhouetteScore(z, km.labels, { seed: 1 }));
const [ari, ariMs] = timed(() => adjustedRandIndex(km.labels, points.truth));

console.log(
  `\nk-means: ${n.toLocaleString('en-US')} points, 3-D, k = ${k}, spread ${spread}, ${restarts} k-means++ restarts`,
);
console.log(
  table(
    ['step', 'time', 'result'],
    [
      ['generate', s(genMs), ''],
      ['z-scores', s(zMs), ''],
      ['k-means', s(kmMs), `inertia ${km.inertia.toExponential(4)}, ${km.iterations} iterations (best run)`],
      ['silhouette (3,000-point sample)', s(silMs), f(sil)],
      ['adjusted Rand index vs truth', s(ariMs), f(ari)],
    ],
  ),
);
console.log(`k-means: ${s(kmMs)} (goal ≤ 20 s: ${kmMs <= 20_000 ? 'met' : 'missed'})`);
