/**
 * `linli opinion triage`: the public-opinion triage (level 0–3, category, reasons) of one column of
 * a CSV file (UTF-8 or GBK, detected), streaming, one JSON object per data row in input order, or a
 * readable table with a summary. No database and no server: the rules ship inside @linli/opinion.
 */
import {
  CATEGORIES,
  CATEGORY_LABELS,
  LEVELS,
  prepareTriage,
  triage,
  type Category,
  type Level,
  type Reason,
} from '@linli/opinion';
import { AppError } from '../../platform/errors.ts';
import { readTextColumn } from '../imports/index.ts';

const invalid = (code: string, message: string) => new AppError('invalid', `opinion.${code}`, message);

/** What `linli opinion triage --json` prints per data row. */
export interface TriageLine {
  /** Data rows counted from 1; the header is not a data row. */
  row: number;
  level: Level;
  category: Category | null;
  reasons: Reason[];
}

export interface TriageOptions {
  /** The column holding the messages (default `text`), matched ignoring case, spaces, `_` and `-`. */
  column?: string;
}

/** One line per data row, in input order. */
export async function* triageLines(file: string, o: TriageOptions = {}): AsyncGenerator<TriageLine> {
  prepareTriage();
  for await (const { row, text } of readTextColumn(file, o.column ?? 'text', invalid)) {
    const r = triage(text);
    yield { row, level: r.level, category: r.category, reasons: r.reasons };
  }
}

const LEVEL_ZH = ['—', '一级', '二级', '三级'] as const;

/** A readable line: row, level, category, reasons. */
export function triageText(l: TriageLine): string {
  if (l.level === 0) return `${l.row}\t0 ${LEVEL_ZH[0]}`;
  const category = l.category ? `${l.category} ${CATEGORY_LABELS[l.category].zh}` : '';
  return `${l.row}\t${l.level} ${LEVEL_ZH[l.level]}\t${category}\t${l.reasons.join(', ')}`;
}

/** Counts per level and category, after the table. */
export function summaryText(counts: {
  rows: number;
  levels: number[];
  categories: Map<Category, number>;
}): string {
  const share = (n: number) => (counts.rows ? ` (${((100 * n) / counts.rows).toFixed(1)} %)` : '');
  const lines = [
    `${counts.rows} rows`,
    ...LEVELS.map(
      (l) => `  level ${l}${l ? ` ${LEVEL_ZH[l]}` : ''}: ${counts.levels[l]}${share(counts.levels[l]!)}`,
    ),
  ];
  const cats = CATEGORIES.filter((c) => counts.categories.has(c));
  if (cats.length > 0) {
    lines.push('  by category (level ≥ 1):');
    for (const c of cats) lines.push(`    ${c} ${CATEGORY_LABELS[c].zh}: ${counts.categories.get(c)}`);
  }
  return lines.join('\n');
}

/**
 * Writes the lines as JSON (one object per line) or as a table followed by a summary; returns the
 * number of rows.
 */
export async function printTriage(
  lines: AsyncIterable<TriageLine>,
  json: boolean,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const counts = { rows: 0, levels: [0, 0, 0, 0], categories: new Map<Category, number>() };
  let buffer = json ? '' : 'row\tlevel\tcategory\treasons\n';
  const flush = async () => {
    if (buffer && !out.write(buffer)) await new Promise((r) => out.once('drain', r));
    buffer = '';
  };
  for await (const line of lines) {
    buffer += (json ? JSON.stringify(line) : triageText(line)) + '\n';
    counts.rows++;
    counts.levels[line.level]!++;
    if (line.category) counts.categories.set(line.category, (counts.categories.get(line.category) ?? 0) + 1);
    // write in chunks: one write per row would make a large file wait on the terminal
    if (buffer.length > 64 * 1024) await flush();
  }
  if (!json) buffer += `\n${summaryText(counts)}\n`;
  await flush();
  return counts.rows;
}
