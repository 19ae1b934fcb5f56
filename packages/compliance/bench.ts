/**
 * Stage-1 screening speed: items per second of CPU time on one core for 200-character copy with all shipped
 * packs loaded (normalisation and evasion folding on), and the time to build the matcher.
 *
 *   node packages/compliance/bench.ts [--seconds 3]
 *
 * The copy: the development file's texts (`../shared/data/compliance/ad_copy_dev.csv`, when present)
 * and this package's hand-written examples, joined and cut into 200-character items, so every item
 * mixes clean and violating sentences like real copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { compile, defaultPacks } from './src/index.ts';
import { EXAMPLES } from './src/examples.fixture.ts';

const DEV = fileURLToPath(new URL('../../../shared/data/compliance/ad_copy_dev.csv', import.meta.url));
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 3;

const sentences: string[] = Object.values(EXAMPLES).flatMap((e) => [...e.hit, ...e.pass]);
if (existsSync(DEV))
  for (const r of parse(readFileSync(DEV), { columns: true }) as Array<{ text: string }>)
    sentences.push(r.text);

// 200-character items, each a run of consecutive sentences (seeded order)
let seed = 42;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const items: string[] = [];
while (items.length < 5000) {
  let s = '';
  while (s.length < 200) s += sentences[Math.floor(rand() * sentences.length)]! + '。';
  items.push(s.slice(0, 200));
}

let c0 = process.cpuUsage();
const packs = defaultPacks();
const matcher = compile(packs);
let c = process.cpuUsage(c0);
const buildMs = (c.user + c.system) / 1000;
const rules = packs.reduce((n, p) => n + p.rules.length, 0);

// warm up, then the best of 5 runs of `seconds / 5` each
for (let i = 0; i < 2000; i++) matcher.scan(items[i % items.length]!);
let best = 0;
let verdicts = { pass: 0, review: 0, block: 0 };
for (let run = 0; run < 5; run++) {
  const v = { pass: 0, review: 0, block: 0 };
  let n = 0;
  // CPU time of this process, not wall time: other jobs on the machine do not count against it
  const cpu0 = process.cpuUsage();
  const end = performance.now() + (seconds * 1000) / 5;
  while (performance.now() < end)
    for (let i = 0; i < 500; i++) {
      v[matcher.scan(items[n++ % items.length]!).verdict]++;
    }
  const cpu = process.cpuUsage(cpu0);
  const rate = n / ((cpu.user + cpu.system) / 1e6);
  if (rate > best) {
    best = rate;
    verdicts = v;
  }
}
// a rebuild after an edit (what a save in the console costs)
c0 = process.cpuUsage();
compile(defaultPacks());
c = process.cpuUsage(c0);
const rebuildMs = (c.user + c.system) / 1000;

const row = (k: string, v: string, note = '') => console.log(`${k.padEnd(44)}${v.padStart(12)}  ${note}`);
row('packs / rules / anchor terms', `${packs.length} / ${rules} / ${matcher.size}`);
row('build the matcher (first, with table setup)', `${buildMs.toFixed(0)} ms`);
row('rebuild the matcher (after an edit)', `${rebuildMs.toFixed(0)} ms`);
row(
  'scan 200-character copy, one core',
  `${Math.round(best).toLocaleString('en-US')} /s`,
  `goal ≥ 10,000; verdicts in the best run: ${verdicts.pass} pass, ${verdicts.review} review, ${verdicts.block} block`,
);
