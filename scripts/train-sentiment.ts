/**
 * Trains the shipped sentiment model from the four review corpora in ../shared/data/sentiment and
 * writes packages/text/model/sentiment.bin with its training report (sentiment-report.md / .json).
 * Deterministic: the same data gives a byte-identical artifact.
 *
 *   npm run train:sentiment                   # train, write the artifact and the report
 *   npm run train:sentiment -- --check        # train, compare with the committed artifact (exit 1 if different)
 *   npm run train:sentiment -- --limit 2000   # about 2,000 evenly spaced rows of each corpus (a quick run)
 *   npm run train:sentiment -- --out DIR      # write somewhere else
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CORPORA, hasCorpora, readCorpus, SENTIMENT_DIR } from '../packages/text/src/corpus.fixture.ts';
import { SPLIT_RULE } from '../packages/text/src/split.ts';
import { SENTIMENT_VARIANTS, SENTIMENT_ENSEMBLE, SENTIMENT_BITS } from '../packages/text/src/variants.ts';
import { trainSentiment, type Accuracy, type TrainReport } from '../packages/text/src/train-pipeline.ts';
import type { Calibration } from '../packages/text/src/train.ts';

const { values: args } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    limit: { type: 'string' },
    out: { type: 'string', default: fileURLToPath(new URL('../packages/text/model/', import.meta.url)) },
  },
});

const pct = (x: number) => (x * 100).toFixed(2);

function accuracyRow(label: string, a: Accuracy, corpora: readonly string[]): string {
  return `| ${label} | ${corpora.map((c) => pct(a[c]!.accuracy)).join(' | ')} | ${pct(a.all!.accuracy)} |`;
}

function calibrationTable(c: Calibration): string[] {
  return [
    '| predicted P(positive) | texts | mean predicted | fraction positive |',
    '|---|---:|---:|---:|',
    ...c.bins.map(
      (b) =>
        `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${b.meanPredicted.toFixed(3)} | ${b.fractionPositive.toFixed(3)} |`,
    ),
  ];
}

function markdown(r: TrainReport, meta: { seconds: number; sha256: string; limit?: string }): string {
  const corpora = r.corpora.map((c) => c.corpus);
  const domains = Object.fromEntries(CORPORA.map((c) => [c.name, c.domain]));
  const head = `| variant | ${corpora.map((c) => `${c} (${domains[c] ?? ''})`).join(' | ')} | all rows |`;
  const rule = `|---|${corpora.map(() => '---:').join('|')}|---:|`;
  return [
    '# Sentiment model: training report',
    '',
    `Written by \`npm run train:sentiment\` (\`scripts/train-sentiment.ts\`)${meta.limit ? ` — **quick run on about ${meta.limit} evenly spaced rows of each corpus**` : ''}. ` +
      'Do not edit by hand: retrain instead.',
    '',
    `- artifact: \`sentiment.bin\`, ${r.shipped.bytes.toLocaleString('en')} bytes, sha256 \`${meta.sha256}\``,
    `- hashed feature space: 2^${r.bits} buckets, int16 weights (${r.shipped.nonZeroWeights.toLocaleString('en')} non-zero)`,
    `- training time: ${meta.seconds.toFixed(0)} s on ${cpus().length} cores (single-threaded)`,
    '',
    '## Data',
    '',
    `Four corpora from \`../shared/data/sentiment\` (\`label,text\`, 1 positive, 0 negative). ${SPLIT_RULE}. ` +
      'Because the split depends on the normalised text only, a text that appears in two corpora (the fruit corpus is the 水果 category of the e-commerce corpus) is in the same split in both, and no held-out text is seen in training. ' +
      `Training uses the distinct (normalised text, label) pairs of the train split of all corpora together (${r.training.uniqueTexts.toLocaleString('en')}, ${r.training.positive.toLocaleString('en')} positive); ${r.training.dropped}.`,
    '',
    '| corpus | rows | positive | exact duplicate rows | duplicates after normalisation | texts with conflicting labels | train / dev / test rows |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...r.corpora.map(
      (c) =>
        `| ${c.corpus} | ${c.rows} | ${c.positive} | ${c.exactDuplicateRows} | ${c.normalisedDuplicateRows} | ${c.conflictingTexts} | ${c.rowsBySplit.train} / ${c.rowsBySplit.dev} / ${c.rowsBySplit.test} |`,
    ),
    '',
    `Across corpora: ${r.crossCorpus.sharedTexts} distinct texts occur in more than one corpus (${r.crossCorpus.pairs
      .filter((p) => p.sharedTexts > 0)
      .map((p) => `${p.a} ∩ ${p.b}: ${p.sharedTexts}`)
      .join('; ')}), ${r.crossCorpus.conflictingTexts} of them with different labels.`,
    '',
    '## Accuracy on the held-out test split (%)',
    '',
    'Each row is scored on the test rows of each corpus (duplicates counted as rows). The λ of each variant was chosen on the dev split (mean accuracy over corpora).',
    '',
    head,
    rule,
    ...r.variants.map((v) =>
      accuracyRow(v.devByL2.length ? `${v.name} (λ ${v.l2})` : v.name, v.test, corpora),
    ),
    accuracyRow(`stacked ensemble: ${r.ensemble.members.join(' + ')}`, r.ensemble.test, corpora),
    accuracyRow('**shipped artifact** (int16, through `sentiment()`)', r.shipped.test, corpora),
    '',
    '| variant | what | features used | L-BFGS iterations (network: epochs) | seconds |',
    '|---|---|---:|---:|---:|',
    ...r.variants.map(
      (v) => `| ${v.name} | ${v.description} | ${v.features} | ${v.iterations} | ${v.seconds.toFixed(1)} |`,
    ),
    '',
    `Stacking coefficients (logistic regression on the members' dev scores): ${r.ensemble.members
      .map((m, i) => `${m} ${r.ensemble.coefficients[i]!.toFixed(3)}`)
      .join(
        ', ',
      )}, intercept ${r.ensemble.intercept.toFixed(3)}. The stack folds into one weight per bucket.`,
    '',
    '## Calibration (test split)',
    '',
    `Shipped probabilities (stacked and calibrated on dev): Brier ${r.shipped.calibrationTest.brier.toFixed(4)}, ECE ${r.shipped.calibrationTest.ece.toFixed(4)}, log-loss ${r.shipped.calibrationTest.logLoss.toFixed(4)}. ` +
      `The plain average of the members' sigmoids, for comparison: Brier ${r.shipped.uncalibratedTest.brier.toFixed(4)}, ECE ${r.shipped.uncalibratedTest.ece.toFixed(4)}, log-loss ${r.shipped.uncalibratedTest.logLoss.toFixed(4)}.`,
    '',
    ...calibrationTable(r.shipped.calibrationTest),
    '',
  ].join('\n');
}

function main() {
  if (!hasCorpora) {
    console.error(`train:sentiment: the corpora are not in ${SENTIMENT_DIR}`);
    process.exit(2);
  }
  const t0 = performance.now();
  const limit = args.limit ? Number(args.limit) : undefined;
  // --limit: an evenly spaced sample (the files are sorted by label)
  const rows = CORPORA.flatMap((c) => {
    const all = readCorpus(c.name);
    const step = limit ? Math.max(1, Math.ceil(all.length / limit)) : 1;
    return all.filter((_, i) => i % step === 0);
  });
  console.log(`${rows.length} rows read`);
  const { model, report } = trainSentiment(rows, {
    bits: SENTIMENT_BITS,
    variants: SENTIMENT_VARIANTS,
    ensemble: SENTIMENT_ENSEMBLE,
    log: (l) => console.log(l),
  });
  const seconds = (performance.now() - t0) / 1000;
  const sha256 = createHash('sha256').update(model).digest('hex');
  const out = args.out.endsWith('/') ? args.out : `${args.out}/`;
  const file = `${out}sentiment.bin`;
  if (args.check) {
    const same = existsSync(file) && Buffer.compare(readFileSync(file), model) === 0;
    console.log(
      same
        ? `check: ${file} is byte-identical (sha256 ${sha256})`
        : `check: ${file} DIFFERS (new sha256 ${sha256})`,
    );
    process.exit(same ? 0 : 1);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(file, model);
  writeFileSync(
    `${out}sentiment-report.json`,
    JSON.stringify({ ...report, seconds, sha256, limit: limit ?? null }, null, 2) + '\n',
  );
  writeFileSync(
    `${out}sentiment-report.md`,
    markdown(report, { seconds, sha256, ...(args.limit ? { limit: args.limit } : {}) }),
  );
  console.log(`wrote ${file} (${model.length} bytes, sha256 ${sha256}) in ${seconds.toFixed(0)} s`);
}

main();
