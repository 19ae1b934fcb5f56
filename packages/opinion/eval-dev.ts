/**
 * Measures triage on a labelled file (`../shared/data/opinion/messages_dev.csv` by default: columns
 * `id,text,level,category`) and prints the figures of issue 10; `--misses` lists every row given
 * another level or category.
 *
 *   node packages/opinion/eval-dev.ts [FILE] [--misses]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { evaluate, evaluationReport, triage, type LabelledMessage } from './src/index.ts';

const DEV = fileURLToPath(new URL('../../../shared/data/opinion/messages_dev.csv', import.meta.url));
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? DEV;
const records = parse(readFileSync(file), { columns: true, bom: true }) as Array<Record<string, string>>;
const rows: LabelledMessage[] = records.map((r) => ({
  id: r.id ?? '',
  text: r.text ?? '',
  level: Number(r.level) as LabelledMessage['level'],
  category: (r.category ?? '') as LabelledMessage['category'],
}));
const e = evaluate(rows, (t) => triage(t));
console.log(evaluationReport(e));
if (args.includes('--misses')) {
  console.log('\nwrong level or category (label → given):');
  for (const x of e.wrong)
    console.log(`  ${x.id} ${x.level}→${x.got} ${x.category || '-'}→${x.gotCategory || '-'}  ${x.text}`);
}
