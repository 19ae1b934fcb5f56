import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable, pipeline } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { HeaderFinder, type HeaderMatch, type KindColumns } from './columns.ts';
import { AutoDecoder, decodeText } from './encoding.ts';

/**
 * Streaming reader for CSV/TSV and XLSX. Rows are pulled one at a time, so a file of any length is
 * never held in memory. Row numbers are the ones a person sees in Excel: the first line of the file
 * is row 1; a CSV record spanning several lines (a quoted newline) has the number of its first line.
 */
export type TabularFormat = 'csv' | 'tsv' | 'xlsx';

export interface RawRow {
  rowNumber: number;
  cells: string[];
}

export interface TabularFile {
  path: string;
  format: TabularFormat;
  size: number;
  /** bytes of the file consumed so far (for progress) */
  bytesRead(): number;
  /** detected text encoding (CSV), `xlsx` for workbooks */
  encoding(): string;
  /** sha256 of the whole file, hex; complete once the rows are exhausted */
  sha256(): Promise<string>;
  rows: AsyncGenerator<RawRow>;
}

export function formatOf(file: string): TabularFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.xls') {
    throw new AppError(
      'invalid',
      'import.unsupported_format',
      `${path.basename(file)} is an old binary Excel file (.xls); save it as .xlsx or CSV.`,
    );
  }
  return 'csv';
}

async function startsWithZip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}

export async function openTabular(file: string): Promise<TabularFile> {
  const info = await stat(file).catch(() => {
    throw new AppError('not_found', 'import.file_not_found', `No such file: ${file}`);
  });
  if (!info.isFile()) throw new AppError('invalid', 'import.not_a_file', `${file} is not a file`);
  const format = formatOf(file);
  const zip = await startsWithZip(file);
  if (format === 'xlsx' && !zip) {
    throw new AppError(
      'invalid',
      'import.unsupported_format',
      `${path.basename(file)} is not an .xlsx workbook (is it a CSV with the wrong name?)`,
    );
  }
  if (format !== 'xlsx' && zip) {
    throw new AppError(
      'invalid',
      'import.unsupported_format',
      `${path.basename(file)} looks like an Excel workbook; name it .xlsx to import it.`,
    );
  }
  let bytes = 0;
  const hash = createHash('sha256');
  let digest: Promise<string>;
  let resolveDigest: (hex: string) => void = () => undefined;

  if (format === 'xlsx') {
    // the workbook reader stops after the first sheet, so the hash reads the file on its own
    digest = hashFile(file);
    digest.catch(() => undefined); // a read error surfaces to whoever awaits sha256()
    const rows = xlsxRows(file, (n) => (bytes += n));
    return {
      path: file,
      format,
      size: info.size,
      bytesRead: () => bytes,
      encoding: () => 'xlsx',
      sha256: () => digest,
      rows,
    };
  }
  digest = new Promise((r) => (resolveDigest = r));
  const decoder = new AutoDecoder();
  const source = async function* () {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      const buf = chunk as Buffer;
      bytes += buf.length;
      hash.update(buf);
      yield buf;
    }
    resolveDigest(hash.digest('hex'));
  };
  const rows = csvRows(decodeText(source(), decoder), format === 'tsv' ? '\t' : ',');
  return {
    path: file,
    format,
    size: info.size,
    bytesRead: () => bytes,
    encoding: () => decoder.encoding,
    sha256: () => digest,
    rows,
  };
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function* csvRows(text: AsyncIterable<string>, delimiter: string): AsyncGenerator<RawRow> {
  const parser = parse({
    delimiter,
    raw: true, // csv-parse's own line count is off for \r\n inside quotes; count breaks in the raw text
    bom: false,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  pipeline(Readable.from(text), parser, () => undefined); // errors surface through the parser's iterator
  let line = 1;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const rowNumber = line;
      for (let i = 0; i < raw.length; i++) {
        const c = raw.charCodeAt(i);
        if (c === 10 || (c === 13 && raw.charCodeAt(i + 1) !== 10)) line++;
      }
      yield { rowNumber, cells: record };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      throw new AppError(
        'invalid',
        'import.bad_csv',
        `The CSV cannot be read from line ${line} on: ${err.message}`,
        { line },
      );
    }
    throw err;
  }
}

/** A cell as the text a person sees; dates as `YYYY-MM-DD[ HH:mm:ss]` wall-clock (Excel has no zones). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString(); // exceljs puts the wall-clock time in the UTC fields
    const date = iso.slice(0, 10);
    const time = iso.slice(11, 19);
    const ms = iso.slice(20, 23);
    if (time === '00:00:00' && ms === '000') return date;
    return `${date} ${time}${ms === '000' ? '' : `.${ms}`}`;
  }
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return String(v.error);
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
  return '';
}

async function* xlsxRows(file: string, onBytes: (n: number) => void): AsyncGenerator<RawRow> {
  const input = createReadStream(file, { highWaterMark: 256 * 1024 });
  const counted = new PassThrough();
  counted.on('data', (c: Buffer) => onBytes(c.length));
  input.pipe(counted);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
        yield { rowNumber: row.number, cells };
      }
      break; // only the first worksheet is imported
    }
  } finally {
    input.destroy();
    counted.destroy();
  }
}

// ---------------------------------------------------------------------------------------------

export interface TableRecord {
  rowNumber: number;
  /** canonical column → trimmed cell text */
  record: Record<string, string>;
  /** the row's cells as in the file (for the rejection report) */
  cells: string[];
}

export interface Table {
  file: TabularFile;
  header: { rowNumber: number; cells: string[]; match: HeaderMatch };
  records: AsyncGenerator<TableRecord>;
}

const isBlank = (cells: string[]) =>
  cells.every((c) => c === undefined || c === null || String(c).trim() === '');

/**
 * Opens a file and finds its header row (the first row with every required column, below any title
 * rows or blank rows). Fails before reading further when the required columns are missing.
 */
export async function openTable(file: string, spec: KindColumns): Promise<Table> {
  const tab = await openTabular(file);
  const finder = new HeaderFinder(spec);
  let header: Table['header'] | null = null;
  try {
    while (!header) {
      const next: IteratorResult<RawRow> = await tab.rows.next();
      if (next.done) finder.fail();
      const { rowNumber, cells }: RawRow = next.value;
      const match = finder.offer(cells, rowNumber);
      if (match) header = { rowNumber, cells: cells.map((c) => c.replace(/^\uFEFF/, '').trim()), match };
    }
  } catch (err) {
    await tab.rows.return(undefined);
    throw err;
  }
  const columns = [...header.match.columns.entries()];
  async function* records(): AsyncGenerator<TableRecord> {
    for await (const { rowNumber, cells } of tab.rows) {
      if (isBlank(cells)) continue;
      const record: Record<string, string> = {};
      for (const [key, i] of columns) record[key] = (cells[i] ?? '').trim();
      yield { rowNumber, record, cells };
    }
  }
  return { file: tab, header, records: records() };
}
