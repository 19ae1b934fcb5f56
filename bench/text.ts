/**
 * Text-analysis benchmark (one core, this process): sentiment + intensity + aspects per second over
 * real review texts, and risk-keyword matching in MB/s (UTF-8) of real Chinese text with a
 * 50,000-entry lexicon, next to @monyone/aho-corasick on the same text (which folds nothing).
 *
 *   npm run bench:text -- [--texts 20000] [--entries 50000] [--rounds 3]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AhoCorasick } from '@monyone/aho-corasick';
import {
  analyze,
  aspects,
  buildMatcher,
  normalize,
  segment,
  sentiment,
  sentimentModel,
  type LexiconEntry,
} from '@linli/text';
import { CORPORA, hasCorpora, readCorpus } from '../packages/text/src/corpus.fixture.ts';
import { fmtInt, table } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    texts: { type: 'string', default: '20000' },
    entries: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '3' },
  },
});

const LEXICON = new URL(
  '../../shared/data/lexicons/forbidden/houbb_sensitive_word_dict_v20240407.txt',
  import.meta.url,
);

/** Best of `rounds` timings of `fn` over the inputs, in seconds. */
function best<T>(rounds: number, inputs: readonly T[], fn: (x: T) => unknown): number {
  let min = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const x of inputs) fn(x);
    min = Math.min(min, (performance.now() - t0) / 1000);
  }
  return min;
}

function main() {
  if (!hasCorpora) {
    console.error('bench:text needs ../shared/data/sentiment');
    process.exit(2);
  }
  const rounds = Number(args.rounds);
  const all = CORPORA.flatMap((c) => readCorpus(c.name));
  // an evenly spaced sample of real reviews, all corpora mixed
  const want = Math.min(Number(args.texts), all.length);
  const step = all.length / want;
  const texts = Array.from({ length: want }, (_, i) => all[Math.floor(i * step)]!.text);
  const chars = texts.reduce((s, t) => s + t.length, 0);
  const lengths = texts.map((t) => t.length).sort((a, b) => a - b);
  sentimentModel();
  // warm up: dictionaries, model, JIT
  for (const t of texts.slice(0, 2000)) analyze(t);

  const rows: string[][] = [];
  const perSecond = (s: number) => fmtInt(Math.round(texts.length / s));
  const tNorm = best(rounds, texts, (t) => normalize(t));
  const tSeg = best(rounds, texts, (t) => segment(normalize(t)));
  const tSent = best(rounds, texts, (t) => sentiment(t));
  const tAsp = best(rounds, texts, (t) => aspects(t));
  const tAll = best(rounds, texts, (t) => analyze(t));
  rows.push(['normalise', perSecond(tNorm), 'texts/s', '']);
  rows.push(['normalise + jieba segmentation', perSecond(tSeg), 'texts/s', '']);
  rows.push(['sentiment (label + calibrated probability)', perSecond(tSent), 'texts/s', '']);
  rows.push(['aspects with polarity', perSecond(tAsp), 'texts/s', '']);
  rows.push(['analyze: sentiment + intensity + aspects', perSecond(tAll), 'texts/s', 'goal ≥ 5,000']);

  // keyword matching
  const terms = readFileSync(LEXICON, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, Number(args.entries));
  const entries: LexiconEntry[] = terms.map((term, i) => ({ term, severity: i % 3 === 0 ? 'high' : 'low' }));
  const haystack = all.map((r) => r.text).join('\n');
  const bytes = Buffer.byteLength(haystack);
  const t0 = performance.now();
  const matcher = buildMatcher(entries);
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  const monyone = new AhoCorasick(terms);
  const monyoneBuildMs = performance.now() - t1;
  let found = 0;
  let foundMonyone = 0;
  const tScan = best(rounds, [haystack], (h) => (found = matcher.scan(h).length));
  const tTest = best(rounds, texts, (t) => matcher.test(t));
  const tMonyone = best(rounds, [haystack], (h) => (foundMonyone = monyone.matchInText(h).length));
  const mbps = (s: number, b = bytes) => (b / 1e6 / s).toFixed(1);
  rows.push([
    `buildMatcher, ${fmtInt(matcher.size)} terms`,
    buildMs.toFixed(0),
    'ms',
    `@monyone/aho-corasick: ${monyoneBuildMs.toFixed(0)} ms`,
  ]);
  rows.push([
    'keyword scan (fold + skip symbols), all matches',
    mbps(tScan),
    'MB/s',
    `${fmtInt(found)} matches; goal ≥ 50`,
  ]);
  rows.push(['keyword test (stops at the first match), per review', perSecond(tTest), 'texts/s', '']);
  rows.push([
    '@monyone/aho-corasick matchInText (no folding)',
    mbps(tMonyone),
    'MB/s',
    `${fmtInt(foundMonyone)} matches`,
  ]);

  console.log(
    `\n${fmtInt(texts.length)} real reviews (${fmtInt(chars)} characters, median ${lengths[lengths.length >> 1]}, ` +
      `p90 ${lengths[Math.floor(lengths.length * 0.9)]}); keyword text ${(bytes / 1e6).toFixed(1)} MB UTF-8 ` +
      `(all ${fmtInt(all.length)} reviews); best of ${rounds}; one core, Node ${process.version}`,
  );
  console.log(table(['step', 'rate', 'unit', 'notes'], rows));
}

main();
