/**
 * Measures the shipped packs on the development file (`../shared/data/compliance/ad_copy_dev.csv`)
 * and prints the figures, per category, and every miss:
 *
 *   node packages/compliance/eval-dev.ts [FILE] [--misses]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { defaultMatcher } from './src/index.ts';
import { evaluate, evaluationReport, type LabelledRow } from './src/evaluate.ts';

const DEV = fileURLToPath(new URL('../../../shared/data/compliance/ad_copy_dev.csv', import.meta.url));
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? DEV;
const records = parse(readFileSync(file), { columns: true, bom: true }) as Array<Record<string, string>>;
const rows: LabelledRow[] = records.map((r) => ({
  id: r.id ?? '',
  text: r.text ?? '',
  label: r.label === '1' ? 1 : 0,
  category: (r.category ?? '') as LabelledRow['category'],
}));
const m = defaultMatcher();
const e = evaluate(rows, (t) => m.scan(t));
console.log(evaluationReport(e));
if (args.includes('--misses')) {
  console.log('\nmissed:');
  for (const x of e.missed) console.log(`  ${x.id} ${x.category}: ${x.text}`);
  console.log('\nwrong category:');
  for (const x of e.wrongCategory) console.log(`  ${x.id} ${x.category} → ${x.got} (${x.term}): ${x.text}`);
  console.log('\nclean intercepted:');
  for (const x of e.falsePositives)
    console.log(`  ${x.id} ${x.verdict} ${x.category} (${x.term}): ${x.text}`);
}
