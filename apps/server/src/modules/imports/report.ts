import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';

/**
 * The rejection report: a CSV in UTF-8 with a BOM (so Excel on a Chinese Windows opens it without
 * garbling) with `row,field,reason,code` followed by the rejected row's original cells under the
 * file's own header. Lines are written as they come, so the report never piles up in memory.
 */
export interface ReportLine {
  row: number;
  field: string;
  reason: string;
  code: string;
  cells: readonly string[];
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export class RejectionReport {
  readonly path: string;
  private readonly out: WriteStream;
  private lines = 0;
  private failed: Error | null = null;

  constructor(file: string, originalHeader: readonly string[]) {
    this.path = file;
    mkdirSync(path.dirname(file), { recursive: true });
    this.out = createWriteStream(file, { encoding: 'utf8' });
    this.out.on('error', (e) => (this.failed = e));
    this.out.write('\uFEFF' + csvLine(['row', 'field', 'reason', 'code', ...originalHeader]));
  }

  get count(): number {
    return this.lines;
  }

  async add(lines: readonly ReportLine[]): Promise<void> {
    if (this.failed) throw this.failed;
    let ok = true;
    for (const l of lines) {
      ok = this.out.write(csvLine([String(l.row), l.field, l.reason, l.code, ...l.cells]));
      this.lines++;
    }
    if (!ok) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (this.out.closed) return;
    this.out.end();
    if (!this.out.writableFinished) await once(this.out, 'finish');
    if (this.failed) throw this.failed;
  }
}

/**
 * `<file>.rejected.csv` beside the input when that directory is writable; otherwise (a read-only
 * data set, say) `<dataDir>/imports/<name>.rejected.csv`.
 */
export async function defaultReportPath(file: string, dataDir: string): Promise<string> {
  const beside = `${file}.rejected.csv`;
  try {
    await access(path.dirname(path.resolve(file)), constants.W_OK);
    return beside;
  } catch {
    return path.join(dataDir, 'imports', `${path.basename(file)}.rejected.csv`);
  }
}
