/**
 * `linli opinion triage`: the public-opinion triage (level 0–3, category, reasons) of one column of
 * a CSV file (UTF-8 or GBK, detected), streaming, one JSON object per data row in input order, or a
 * readable table with a summary. No database and no server: the rules ship inside @linli/opinion.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
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
import { AutoDecoder, decodeText } from '../imports/index.ts';

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

/** How much decoded text is looked at before the encoding is trusted. */
const ENCODING_SAMPLE = 16 * 1024;

/**
 * Decoded text, refused when it is not text in a supported encoding: NUL or other control
 * characters (a binary or compressed file, UTF-16 without a byte-order mark) or more than one in
 * ten non-ASCII characters undecodable. A few bad bytes in a good file are replaced and the rows
 * still get their answers.
 */
async function* checkedText(file: string, chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let seen = 0;
  let nonAscii = 0;
  let bad = 0;
  let controls = 0;
  let checked = false;
  const verdict = () => {
    checked = true;
    if (controls * 100 > seen)
      throw invalid('bad_encoding', `${file}: a binary file, not CSV text (control characters)`);
    if (bad * 10 > nonAscii)
      throw invalid(
        'bad_encoding',
        `${file}: not UTF-8 or GBK text (${bad} of the first ${seen} characters could not be decoded). ` +
          'Save it as "CSV UTF-8" (or GBK) and try again.',
      );
  };
  for await (const chunk of chunks) {
    if (!checked) {
      for (let i = 0; i < chunk.length && seen < ENCODING_SAMPLE; i++, seen++) {
        const c = chunk.charCodeAt(i);
        if (c === 0) throw invalid('bad_encoding', `${file}: a binary file, not CSV text (NUL bytes)`);
        if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) controls++;
        if (c >= 0x80) nonAscii++;
        if (c === 0xfffd) bad++;
      }
      if (seen >= ENCODING_SAMPLE) verdict();
    }
    yield chunk;
  }
  if (!checked) verdict();
}

const header = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/**
 * The cells of `column`, row by row. Rows shorter than the header give an empty text rather than
 * an error: each row still gets its answer line. (Modules do not reach into each other's files, so
 * this reader is this module's own.)
 */
export async function* readTextColumn(
  file: string,
  column: string,
): AsyncGenerator<{ row: number; text: string }> {
  const bytes = createReadStream(file);
  const text = Readable.from(checkedText(file, decodeText(bytes, new AutoDecoder(null, { lenient: true }))));
  const parser = text.pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }),
  );
  // a pipe does not pass on the source's errors: end the loop with them, named for the operator
  const fail = (e: NodeJS.ErrnoException) =>
    parser.destroy(
      e instanceof AppError
        ? e
        : e.code === 'ENOENT'
          ? invalid('file_not_found', `${file}: no such file`)
          : e.code === 'EISDIR'
            ? invalid('file_not_found', `${file}: is a directory, not a CSV file`)
            : invalid('unreadable', `${file}: ${e.message}`),
    );
  bytes.once('error', fail);
  text.once('error', fail);
  let index = -1;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (index < 0) {
        const names = record.map((h) => h.trim());
        index = names.map(header).indexOf(header(column));
        if (index < 0)
          throw invalid(
            'column_missing',
            `${file}: no column "${column}" (found: ${names.filter(Boolean).join(', ') || 'nothing'})`,
          );
        continue;
      }
      yield { row: ++row, text: record[index] ?? '' };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid('bad_csv', `${file}: not a readable CSV file (${(e as Error).message})`);
  }
  if (index < 0)
    throw invalid('empty_file', `${file}: empty file (expected a header with a "${column}" column)`);
}

/** One line per data row, in input order. */
export async function* triageLines(file: string, o: TriageOptions = {}): AsyncGenerator<TriageLine> {
  prepareTriage();
  for await (const { row, text } of readTextColumn(file, o.column ?? 'text')) {
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
