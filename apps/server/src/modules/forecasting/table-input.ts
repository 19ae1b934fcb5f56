import { parse } from 'csv-parse/sync';
import { AppError } from '../../platform/errors.ts';

/**
 * The small operator files this module imports (weather, availability, supply items): a CSV body in
 * UTF-8 (with or without BOM) or GBK, or JSON items. Each row becomes an item named after the
 * canonical field names, with the line it came from so a problem can point at it.
 */

/** One row's problem: `index` is the item (0-based); `row` the line of the file, header = 1. */
export interface RowProblem {
  index: number;
  row?: number | undefined;
  field: string;
  reason: string;
  code: string;
}

export interface InputItems {
  items: Array<Record<string, unknown>>;
  /** file line per item (CSV only) */
  lines: number[] | null;
}

export interface ImportResult {
  received: number;
  accepted: number;
  rejected: RowProblem[];
}

/** Headers match ignoring case, spaces, `_`, `-` and brackets; each field lists its aliases. */
const normalise = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_\-（）()[\]【】°℃%]/g, '');

function decode(body: Buffer): string {
  const bytes = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * A request body as items: a CSV buffer mapped through `aliases` (canonical field → header names),
 * or `{ items: [...] }`. A CSV without a required column is refused before any row is read.
 */
export function readInput(
  body: unknown,
  aliases: Readonly<Record<string, readonly string[]>>,
  required: readonly string[],
  what: string,
): InputItems {
  if (Buffer.isBuffer(body)) return readCsv(decode(body), aliases, required, what);
  if (typeof body === 'string') return readCsv(body, aliases, required, what);
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items))
    throw new AppError(
      'invalid',
      'forecasting.body_invalid',
      `Send ${what} as {"items": [...]} (JSON) or as a CSV file (content-type text/csv)`,
    );
  if (items.length > 50_000)
    throw new AppError('too_large', 'forecasting.too_many_rows', `At most 50,000 rows; got ${items.length}`);
  return { items: items as Array<Record<string, unknown>>, lines: null };
}

function readCsv(
  text: string,
  aliases: Readonly<Record<string, readonly string[]>>,
  required: readonly string[],
  what: string,
): InputItems {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (err) {
    throw new AppError('invalid', 'forecasting.csv_invalid', `Not a readable CSV: ${(err as Error).message}`);
  }
  const headerAt = records.findIndex((r) => r.some((c) => c !== ''));
  if (headerAt < 0) throw new AppError('invalid', 'forecasting.csv_empty', `The ${what} file is empty`);
  const header = records[headerAt]!;
  const lookup = new Map<string, string>();
  for (const [field, names] of Object.entries(aliases))
    for (const n of [field, ...names]) lookup.set(normalise(n), field);
  const columns = header.map((h) => lookup.get(normalise(h)) ?? null);
  const missing = required.filter((f) => !columns.includes(f));
  if (missing.length)
    throw new AppError(
      'invalid',
      'forecasting.csv_columns_missing',
      `The ${what} file lacks column ${missing.join(', ')} (found: ${header.join(', ')})`,
      { missing, found: header },
    );
  if (records.length - headerAt - 1 > 50_000)
    throw new AppError('too_large', 'forecasting.too_many_rows', 'At most 50,000 rows per file');
  const items: Array<Record<string, unknown>> = [];
  const lines: number[] = [];
  records.forEach((cells, i) => {
    if (i <= headerAt || cells.every((c) => c === '')) return;
    const item: Record<string, unknown> = {};
    columns.forEach((field, j) => {
      if (field && cells[j] !== undefined && cells[j] !== '') item[field] = cells[j];
    });
    items.push(item);
    lines.push(i + 1);
  });
  return { items, lines };
}

/** Reads a number from JSON or a CSV cell; undefined when absent, NaN when not a number. */
export function numberOf(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[-+]?(\d+\.?\d*|\.\d+)$/.test(v.trim())) return Number(v.trim());
  return Number.NaN;
}

/** A collector of row problems that knows each item's file line. */
export function problemsFor(input: InputItems, module = 'forecasting') {
  const list: RowProblem[] = [];
  const bad = new Set<number>();
  return {
    list,
    add(index: number, field: string, reason: string, code: string) {
      list.push({ index, row: input.lines?.[index], field, reason, code: `${module}.${code}` });
      bad.add(index);
    },
    has(index: number) {
      return bad.has(index);
    },
  };
}

/** A date as `YYYY-MM-DD` from `2026-11-26`, `2026/11/26` or `2026-1-5`; '' when not a date form. */
export function dayOf(v: unknown): string {
  if (typeof v !== 'string') return '';
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : '';
}
