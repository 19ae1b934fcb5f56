/**
 * The small CSV files of this module (messages, NPS answers): decoded by the imports module's
 * detector (UTF-8 with or without BOM, GBK/GB18030), headers matched in English or Chinese ignoring
 * case, spaces, `_`, `-` and brackets. Each row becomes an item under canonical field names with the
 * file line it came from, so a problem names row and field.
 */
import { parse } from 'csv-parse/sync';
import { AppError } from '../../platform/errors.ts';
import { AutoDecoder } from '../imports/index.ts';

export const MAX_CSV_ROWS = 50_000;

export interface CsvItems {
  items: Array<Record<string, string>>;
  /** the file line of each item (the header is line 1 when it is the first line) */
  lines: number[];
}

const normalise = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_\-（）()[\]【】]/g, '');

export function decodeCsv(body: Buffer): string {
  const d = new AutoDecoder();
  return d.push(body) + d.end();
}

export function readCsv(
  body: Buffer | string,
  aliases: Readonly<Record<string, readonly string[]>>,
  required: readonly string[],
  what: string,
): CsvItems {
  const text = typeof body === 'string' ? body.replace(/^\uFEFF/, '') : decodeCsv(body);
  let records: string[][];
  // a quoted cell may hold line breaks (a pasted group message): each record keeps its first line
  const firstLines: number[] = [];
  try {
    const parsed = parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    let end = 0;
    records = parsed.map((p) => {
      firstLines.push(end + 1);
      end = p.info.lines;
      return p.record;
    });
  } catch (err) {
    throw new AppError('invalid', 'opinion.csv_invalid', `Not a readable CSV: ${(err as Error).message}`);
  }
  const headerAt = records.findIndex((r) => r.some((c) => c !== ''));
  if (headerAt < 0) throw new AppError('invalid', 'opinion.csv_empty', `The ${what} file is empty`);
  const header = records[headerAt]!;
  const lookup = new Map<string, string>();
  for (const [field, names] of Object.entries(aliases))
    for (const n of [field, ...names]) lookup.set(normalise(n), field);
  const columns = header.map((h) => lookup.get(normalise(h)) ?? null);
  const missing = required.filter((f) => !columns.includes(f));
  if (missing.length)
    throw new AppError(
      'invalid',
      'opinion.csv_columns_missing',
      `The ${what} file lacks column ${missing.join(', ')} (found: ${header.join(', ')})`,
      { missing, found: header },
    );
  if (records.length - headerAt - 1 > MAX_CSV_ROWS)
    throw new AppError(
      'too_large',
      'opinion.too_many_rows',
      `At most ${MAX_CSV_ROWS.toLocaleString('en')} rows per file`,
    );
  const items: Array<Record<string, string>> = [];
  const lines: number[] = [];
  records.forEach((cells, i) => {
    if (i <= headerAt || cells.every((c) => c === '')) return;
    const item: Record<string, string> = {};
    columns.forEach((field, j) => {
      if (field && cells[j] !== undefined && cells[j] !== '') item[field] = cells[j];
    });
    items.push(item);
    lines.push(firstLines[i]!);
  });
  return { items, lines };
}
