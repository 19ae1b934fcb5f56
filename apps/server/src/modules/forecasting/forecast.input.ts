/**
 * Reading the files of `linli forecast backtest`: the sales (`date,item_code,qty` plus optional
 * regressor columns) and the items (`item_code,loss_rate_pct[,unit_cost,price]`). Every rejected
 * row is named with its line and field; problems that have a sensible reading (duplicate item-days,
 * items missing from one file) become warnings instead.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { type ItemEconomics, type Panel, dayNumber, dateOf } from '@linli/forecasting';
import { AppError } from '../../platform/errors.ts';

export const inputError = (message: string) => new AppError('invalid', 'forecast.invalid_input', message);

/** UTF-8 (with or without BOM), else GBK: what spreadsheets in China save. */
async function readCsv(file: string): Promise<Array<Record<string, string>>> {
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
  try {
    return parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as Array<Record<string, string>>;
  } catch (e) {
    throw inputError(`${file}: not a readable CSV file (${(e as Error).message})`);
  }
}

const MAX_ERRORS = 20;

function failWith(file: string, errors: string[]): never {
  const more = errors.length > MAX_ERRORS ? `\n  … and ${errors.length - MAX_ERRORS} more` : '';
  throw inputError(
    `${file}: ${errors.length} bad row(s)\n  ${errors.slice(0, MAX_ERRORS).join('\n  ')}${more}`,
  );
}

function requireColumns(file: string, rows: Array<Record<string, string>>, columns: string[]) {
  const have = rows.length ? Object.keys(rows[0]!) : [];
  const missing = columns.filter((c) => !have.includes(c));
  if (rows.length === 0)
    throw inputError(`${file}: no data rows (expected a header with ${columns.join(',')})`);
  if (missing.length)
    throw inputError(
      `${file}: missing column(s) ${missing.join(', ')} (found: ${have.join(', ') || 'nothing'})`,
    );
}

const number = (v: string | undefined) => (v === undefined || v === '' ? Number.NaN : Number(v));

export interface SalesInput {
  panel: Panel;
  /** day index after the last date in the file: later days are unknown, not zero */
  known: number;
  warnings: string[];
}

/** Optional per-row columns read as regressors when present. */
const DAY_COLUMNS = ['temperature', 'rain', 'alert'] as const;

/**
 * The sales file as a panel covering at least `until` (exclusive). A line number counts the header
 * as line 1, as a spreadsheet shows it.
 */
export async function readSales(file: string, until: string): Promise<SalesInput> {
  const rows = await readCsv(file);
  requireColumns(file, rows, ['date', 'item_code', 'qty']);
  const errors: string[] = [];
  const warnings: string[] = [];
  const parsed: Array<{ day: number; item: string; qty: number; row: Record<string, string> }> = [];
  rows.forEach((r, i) => {
    const line = i + 2;
    let day: number;
    try {
      day = dayNumber(r.date ?? '');
    } catch {
      errors.push(`line ${line}: date "${r.date ?? ''}" is not a date (YYYY-MM-DD)`);
      return;
    }
    const item = r.item_code ?? '';
    if (!item) return void errors.push(`line ${line}: item_code is empty`);
    const qty = number(r.qty);
    if (!Number.isFinite(qty)) return void errors.push(`line ${line}: qty "${r.qty ?? ''}" is not a number`);
    if (qty < 0)
      return void errors.push(`line ${line}: qty ${qty} is negative (net demand of a day cannot be)`);
    parsed.push({ day, item, qty, row: r });
  });
  if (errors.length) failWith(file, errors);
  const first = Math.min(...parsed.map((p) => p.day));
  const last = parsed.reduce((m, p) => Math.max(m, p.day), -Infinity);
  const length = Math.max(last + 1, dayNumber(until)) - first;
  const items = new Map<string, Panel['items'][number]>();
  const seen = new Set<string>();
  let duplicates = 0;
  const regressors: Panel['regressors'] = {};
  for (const p of parsed) {
    const t = p.day - first;
    let item = items.get(p.item);
    if (!item) items.set(p.item, (item = { code: p.item, demand: new Float64Array(length), firstDay: t }));
    item.firstDay = Math.min(item.firstDay!, t);
    const key = `${p.item}\u0000${t}`;
    if (seen.has(key)) duplicates++;
    seen.add(key);
    item.demand[t]! += p.qty;
    const price = number(p.row.price);
    if (Number.isFinite(price) && price > 0)
      (item.price ??= new Float64Array(length).fill(Number.NaN))[t] = price;
    const heat = number(p.row.heat);
    if (Number.isFinite(heat)) (item.heat ??= new Float64Array(length))[t]! += heat;
    const censored = p.row.censored ?? p.row.sold_out;
    if (censored === '1' || censored === 'true') (item.censored ??= new Uint8Array(length))[t] = 1;
    for (const c of DAY_COLUMNS) {
      const v = number(p.row[c]);
      if (Number.isFinite(v)) (regressors[c] ??= new Float64Array(length).fill(Number.NaN))[t] = v;
    }
  }
  if (duplicates)
    warnings.push(`${duplicates} duplicate item-day row(s) in ${file}: their quantities were summed`);
  const panel: Panel = {
    start: dateOf(first),
    length,
    items: [...items.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    regressors,
  };
  return { panel, known: last + 1 - first, warnings };
}

/** The items file: loss rate in percent, and unit cost and price when given (same currency). */
export async function readItems(
  file: string,
  codes: ReadonlySet<string>,
): Promise<{ economics: Map<string, ItemEconomics>; categories: Map<string, string>; warnings: string[] }> {
  const rows = await readCsv(file);
  requireColumns(file, rows, ['item_code', 'loss_rate_pct']);
  const errors: string[] = [];
  const economics = new Map<string, ItemEconomics>();
  const categories = new Map<string, string>();
  const unknown: string[] = [];
  rows.forEach((r, i) => {
    const line = i + 2;
    const code = r.item_code ?? '';
    if (!code) return void errors.push(`line ${line}: item_code is empty`);
    const loss = number(r.loss_rate_pct);
    if (!Number.isFinite(loss) || loss < 0 || loss >= 100)
      return void errors.push(
        `line ${line}: loss_rate_pct "${r.loss_rate_pct ?? ''}" must be a number from 0 to below 100`,
      );
    const cost = number(r.unit_cost);
    const price = number(r.price);
    if (r.unit_cost && !(cost >= 0))
      return void errors.push(`line ${line}: unit_cost "${r.unit_cost}" is not a number ≥ 0`);
    if (r.price && !(price >= 0))
      return void errors.push(`line ${line}: price "${r.price}" is not a number ≥ 0`);
    if (!codes.has(code)) unknown.push(code);
    economics.set(code, {
      lossRate: loss / 100,
      unitCost: Number.isFinite(cost) ? cost : undefined,
      price: Number.isFinite(price) ? price : undefined,
    });
    const category = r.category_name || r.category;
    if (category) categories.set(code, category);
  });
  if (errors.length) failWith(file, errors);
  const warnings: string[] = [];
  if (unknown.length)
    warnings.push(
      `${unknown.length} item(s) in ${file} never appear in the sales (ignored): ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`,
    );
  const missing = [...codes].filter((c) => !economics.has(c));
  if (missing.length)
    warnings.push(
      `${missing.length} item(s) sold but not in ${file}: bought with no handling loss: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
    );
  return { economics, categories, warnings };
}
