/**
 * Reading the unit-level CSV of `linli experiments analyze|factorial`: one row per unit (member),
 * a header row, UTF-8 with or without BOM (GBK accepted too: what spreadsheets in China save).
 *
 * Cells: empty, NA, N/A, NaN, null and none (any case) are missing. A number is a plain decimal
 * (`12`, `-0.5`, `1e3`); `1,234`, `12%` or `¥5` are not numbers. Column kinds are decided per
 * column from its cells:
 * - every non-missing cell numeric: numeric;
 * - no numeric cell: text (a label; never a metric);
 * - at least 95 % numeric: numeric, and the few other cells are treated as missing with a
 *   warning naming their lines (a typo should not stop the analysis of 100,000 units);
 * - anything in between is an error naming the column and its first non-numeric lines.
 * Line numbers count the header as line 1, as a spreadsheet shows them.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../platform/errors.ts';

export const inputError = (message: string) => new AppError('invalid', 'experiments.invalid_input', message);

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** share of numeric cells above which the rest are typos, not a text column */
export const MOSTLY_NUMERIC = 0.95;

export interface Table {
  file: string;
  /** header names, trimmed, in file order */
  columns: string[];
  /** cells by column index, trimmed; short rows padded with '' */
  rows: string[][];
}

/** A numeric column: values with NaN for missing cells (internal only; never printed). */
export interface NumericColumn {
  name: string;
  values: Float64Array;
  /** lines of cells that were missing (empty or NA) */
  missingLines: number[];
  /** lines of non-numeric cells treated as missing in a mostly numeric column */
  badLines: Array<{ line: number; cell: string }>;
}

export async function readTable(file: string): Promise<Table> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw inputError(`${file}: ${(e as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gbk').decode(bytes);
  }
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (e) {
    throw inputError(`${file}: not a readable CSV file (${(e as Error).message})`);
  }
  const [header, ...rows] = records;
  if (!header || header.every((h) => h === ''))
    throw inputError(`${file}: empty file (expected a header row)`);
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw inputError(`${file}: column "${h}" appears twice in the header`);
    seen.add(h);
  }
  rows.forEach((r, i) => {
    if (r.length > header.length && r.slice(header.length).some((c) => c !== ''))
      throw inputError(`${file}: line ${i + 2} has ${r.length} cells but the header has ${header.length}`);
    while (r.length < header.length) r.push('');
  });
  if (rows.length === 0) throw inputError(`${file}: no data rows, only a header`);
  return { file, columns: header, rows };
}

/** Index of a column matched ignoring case; an error naming what there is when absent. */
export function columnIndex(t: Table, name: string, what: string): number {
  const i = t.columns.findIndex((c) => c.toLowerCase() === name.trim().toLowerCase());
  if (i < 0) throw inputError(`${t.file}: no ${what} column "${name}" (found: ${t.columns.join(', ')})`);
  return i;
}

const isMissing = (cell: string) => MISSING.has(cell.toLowerCase());

export type ColumnKind = 'numeric' | 'text' | 'empty';

/** What a column holds, by the rules in the header comment; throws for a mixed column. */
export function columnKind(t: Table, index: number): ColumnKind {
  let numeric = 0;
  const bad: number[] = [];
  t.rows.forEach((r, i) => {
    const c = r[index]!;
    if (isMissing(c)) return;
    if (NUMBER.test(c)) numeric++;
    else bad.push(i);
  });
  if (numeric === 0) return bad.length ? 'text' : 'empty';
  if (bad.length === 0 || numeric / (numeric + bad.length) >= MOSTLY_NUMERIC) return 'numeric';
  const name = t.columns[index]!;
  const show = bad.slice(0, 5).map((i) => `line ${i + 2} "${t.rows[i]![index]}"`);
  throw inputError(
    `${t.file}: column "${name}" mixes numbers and text (${numeric} numeric, ${bad.length} not): ${show.join(', ')}${bad.length > 5 ? ', …' : ''}. ` +
      `A metric column must be numeric (fewer than ${Math.round((1 - MOSTLY_NUMERIC) * 100)} % stray cells); a label column must hold no numbers.`,
  );
}

/** The numbers of a numeric column, NaN where missing, with the lines of missing and stray cells. */
export function numericColumn(t: Table, index: number): NumericColumn {
  const values = new Float64Array(t.rows.length);
  const missingLines: number[] = [];
  const badLines: NumericColumn['badLines'] = [];
  t.rows.forEach((r, i) => {
    const c = r[index]!;
    if (isMissing(c)) {
      values[i] = Number.NaN;
      missingLines.push(i + 2);
    } else if (NUMBER.test(c)) {
      values[i] = Number(c);
      if (!Number.isFinite(values[i]!))
        throw inputError(`${t.file}: line ${i + 2}, column "${t.columns[index]}": ${c} is out of range`);
    } else {
      values[i] = Number.NaN;
      badLines.push({ line: i + 2, cell: c });
    }
  });
  return { name: t.columns[index]!, values, missingLines, badLines };
}

/** "line 3, 8, 12, … (N in all)" for warnings. */
export function lineList(lines: readonly number[], max = 5): string {
  const shown = lines.slice(0, max).join(', ');
  return lines.length > max
    ? `lines ${shown}, … (${lines.length} in all)`
    : `line${lines.length > 1 ? 's' : ''} ${shown}`;
}

/** `A=0.5,B=0.5` or `dwell_ms=0.99` → pairs; the value must be a positive number. */
export function parsePairs(option: string, value: string): Array<[string, number]> {
  const pairs: Array<[string, number]> = [];
  for (const part of value.split(',')) {
    const at = part.lastIndexOf('=');
    const name = part.slice(0, at).trim();
    const raw = part.slice(at + 1).trim();
    if (at < 0 || !name || !NUMBER.test(raw))
      throw inputError(
        `--${option} "${value}": expected NAME=NUMBER pairs separated by commas (got "${part}")`,
      );
    if (pairs.some(([n]) => n === name)) throw inputError(`--${option}: "${name}" is given twice`);
    pairs.push([name, Number(raw)]);
  }
  return pairs;
}

/**
 * Caps the column at its q-quantile over all units (R's default type 7: linear interpolation
 * between order statistics), so a few huge dwell times cannot dominate a mean. Missing stays
 * missing. Returns the cap and how many values were lowered to it.
 */
export function winsorizeUpper(values: Float64Array, q: number): { cap: number | null; capped: number } {
  const present = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
  if (present.length === 0) return { cap: null, capped: 0 };
  const h = (present.length - 1) * q;
  const lo = Math.floor(h);
  const cap =
    present[lo]! +
    (h - lo) * ((present[Math.min(lo + 1, present.length - 1)] ?? present[lo]!) - present[lo]!);
  let capped = 0;
  for (let i = 0; i < values.length; i++)
    if (values[i]! > cap) {
      values[i] = cap;
      capped++;
    }
  return { cap, capped };
}
