/**
 * Opinion-triage benchmark (one core, this process): messages per second of CPU time for
 * `triage()` of @linli/opinion over real-length messages — the development file's messages
 * (`../shared/data/opinion/messages_dev.csv`, when present) and the package's hand-written examples,
 * repeated — and over 200-character messages made by joining them; plus the cost of the first call
 * (the sentiment model and the matchers loaded).
 *
 *   npm run bench:opinion-triage -- [--seconds 5]
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { prepareTriage, triage, type Level } from '@linli/opinion';
import { EXAMPLES } from '../packages/opinion/src/examples.fixture.ts';
import { fmtInt, table } from './lib.ts';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '5' } } });
const seconds = Number(args.seconds) || 5;
const DEV = new URL('../../shared/data/opinion/messages_dev.csv', import.meta.url);

const messages = EXAMPLES.map((e) => e.text);
const fromDev = existsSync(DEV);
if (fromDev)
  for (const r of parse(readFileSync(DEV), { columns: true }) as Array<{ text: string }>)
    messages.push(r.text);

// 200-character messages: runs of messages in a seeded order, cut at 200 characters
let seed = 7;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const long: string[] = [];
while (long.length < 2000) {
  let s = '';
  while (s.length < 200) s += messages[Math.floor(rand() * messages.length)]! + '。';
  long.push(s.slice(0, 200));
}

/** The best rate over 5 runs of `seconds / 5` each, in items per CPU second, and its level counts. */
function rate(items: readonly string[]): { perSecond: number; levels: number[] } {
  let best = 0;
  let levels = [0, 0, 0, 0];
  for (let run = 0; run < 5; run++) {
    const counts = [0, 0, 0, 0];
    let n = 0;
    // CPU time of this process, not wall time: other jobs on the machine do not count against it
    const cpu0 = process.cpuUsage();
    const end = performance.now() + (seconds * 1000) / 5;
    while (performance.now() < end)
      for (let i = 0; i < 200; i++) counts[triage(items[n++ % items.length]!).level as Level]!++;
    const cpu = process.cpuUsage(cpu0);
    const r = n / ((cpu.user + cpu.system) / 1e6);
    if (r > best) {
      best = r;
      levels = counts;
    }
  }
  return { perSecond: best, levels };
}

const c0 = process.cpuUsage();
prepareTriage();
triage(messages[0]!);
const c1 = process.cpuUsage(c0);
const firstMs = (c1.user + c1.system) / 1000;

// warm up the JIT on both sets
for (let i = 0; i < 3000; i++) triage(i % 2 ? messages[i % messages.length]! : long[i % long.length]!);

const short = rate(messages);
const wide = rate(long);
const mean = messages.reduce((s, m) => s + m.length, 0) / messages.length;
const share = (levels: number[]) => {
  const total = levels.reduce((a, b) => a + b, 0) || 1;
  return levels.map((n, l) => `${l}: ${((100 * n) / total).toFixed(0)} %`).join(', ');
};
console.log(
  `\n${fmtInt(messages.length)} messages (${fromDev ? 'development file + ' : ''}hand-written examples, mean ` +
    `${mean.toFixed(0)} characters) and ${fmtInt(long.length)} of 200 characters; best of 5 runs of ` +
    `${seconds / 5} s; one core, Node ${process.version}`,
);
console.log(
  table(
    ['step', 'rate', 'unit', 'notes'],
    [
      ['first triage (model, lexicons, matcher)', firstMs.toFixed(0), 'ms', 'once per process'],
      [
        'triage, messages as written',
        fmtInt(short.perSecond),
        'messages/s',
        `goal ≥ 5,000; levels ${share(short.levels)}`,
      ],
      [
        'triage, 200-character messages',
        fmtInt(wide.perSecond),
        'messages/s',
        `goal ≥ 5,000; levels ${share(wide.levels)}`,
      ],
    ],
  ),
);
