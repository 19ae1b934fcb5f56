import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';

/** Instants in Excel exports read as Shanghai wall-clock time, e.g. `2026-11-26 20:30`. */
export const shanghaiMinute = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});

/**
 * A one-sheet XLSX workbook written as a stream while `rows` yields its rows, so memory stays flat
 * however many there are. `done` runs after the last row with the row count (e.g. to audit the
 * export); a failure part-way ends the stream with the error.
 */
export function streamWorkbook(
  sheetName: string,
  columns: Array<{ header: string; width: number }>,
  rows: AsyncIterable<unknown[]>,
  done: (written: number) => Promise<void>,
): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = book.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    let written = 0;
    for await (const row of rows) {
      sheet.addRow(row).commit();
      written++;
    }
    await sheet.commit();
    await book.commit();
    await done(written);
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/** Every item of a cursor-paginated listing, page after page. */
export async function* allItems<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    yield* p.items;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}
