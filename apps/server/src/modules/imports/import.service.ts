import path from 'node:path';
import { eq } from 'drizzle-orm';
import cliProgress from 'cli-progress';
import { MAX_BATCH, type BatchResult } from '@linli/contracts';
import { cliCtx, type App, type Ctx } from '../../platform/context.ts';
import { AppError, type ItemProblem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { importRuns } from '../../platform/platform.schema.ts';
import { ingestEvents } from '../activity/index.ts';
import { upsertProducts } from '../catalog/index.ts';
import { ingestOrders } from '../commerce/index.ts';
import { ingestMembers } from '../members/index.ts';
import { IMPORT_KINDS, isImportKind, KIND_COLUMNS, type ImportKind } from './columns.ts';
import { OrderGrouper, SeenIds, type OrderGroup, type SourceLine } from './order-grouping.ts';
import { defaultReportPath, RejectionReport, type ReportLine } from './report.ts';
import { mapEvent, mapMember, mapProduct, type MapResult, type Row, type RowProblem } from './row-mappers.ts';
import { openTable, type Table } from './tabular.ts';

export interface ImportOptions {
  /** where to write rejected rows; default `<file>.rejected.csv` */
  reportFile?: string | undefined;
  /** show a progress bar on stderr (only ever when stderr is a terminal) */
  progress?: boolean | undefined;
  /** items per ingest call, 1 … 10,000; default 1,000 */
  batchSize?: number | undefined;
  /** who is importing (default: the CLI) */
  ctx?: Ctx | undefined;
  /** the import_runs id to use, so a caller can report on the run before it ends */
  runId?: string | undefined;
  /** the file's original name when `file` is a stored upload */
  fileName?: string | undefined;
  /** called every 500 rows and at the end */
  onProgress?: ((p: ImportProgress) => void) | undefined;
}

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportSummary {
  runId: string;
  kind: ImportKind;
  file: string;
  format: string;
  encoding: string;
  headerRow: number;
  /** header cells that matched no column (ignored) */
  ignoredColumns: string[];
  /** data rows read (blank rows not counted) */
  rows: number;
  /** items built from the rows: one per row, or one per order for orders */
  items: number;
  /** items stored or changed by this run */
  accepted: number;
  /** items already stored with identical content (a re-run) */
  duplicates: number;
  /** items refused, by the file checks or by the ingest service */
  rejected: number;
  /** rows listed in the rejection report */
  rejectedRows: number;
  reportFile: string;
  elapsedMs: number;
}

type Ingest = (ctx: Ctx, items: unknown[]) => Promise<BatchResult>;

const INGEST: Record<ImportKind, Ingest> = {
  members: ingestMembers,
  orders: ingestOrders,
  products: upsertProducts,
  events: ingestEvents,
};

const MAPPER: Record<Exclude<ImportKind, 'orders'>, (row: Row) => MapResult<unknown>> = {
  members: mapMember,
  products: mapProduct,
  events: mapEvent,
};

/** The item's id field as a column of the file. */
const ID_COLUMN: Record<ImportKind, string> = {
  members: 'member_id',
  orders: 'order_id',
  products: 'sku',
  events: 'event_id',
};

/** An ingest problem's field (`registeredAt`, `items.2.unitPriceFen`) as a column name of the file. */
export function columnOf(kind: ImportKind, field: string, present: ReadonlySet<string>): string {
  let f = field.replace(/^items\.\d+\./, '');
  if (f === 'id') return ID_COLUMN[kind];
  if (/^consents\.\d+\.at$/.test(f)) return 'consent_at';
  if (f.includes('.')) return field;
  f = f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  if (f.endsWith('_fen') && !present.has(f) && present.has(f.replace(/_fen$/, '_yuan')))
    return f.replace(/_fen$/, '_yuan');
  return f;
}

interface Counters {
  items: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rejectedRows: number;
}

interface Batch {
  items: unknown[];
  lines: SourceLine[][];
  problems: ReportLine[];
}

const toReport = (line: SourceLine, p: RowProblem): ReportLine => ({
  row: line.rowNumber,
  field: p.field,
  reason: p.reason,
  code: p.code,
  cells: line.cells,
});

/**
 * Collects items into batches and sends them to the ingest service, one batch in flight while the
 * next is being read. Problems go to the report in row order, batch by batch.
 */
class BatchSink {
  private current: Batch = { items: [], lines: [], problems: [] };
  private inflight: Promise<void> | null = null;
  private failure: unknown = null;
  private readonly ctx: Ctx;
  private readonly kind: ImportKind;
  private readonly ingest: Ingest;
  private readonly size: number;
  private readonly report: RejectionReport;
  private readonly present: ReadonlySet<string>;
  readonly counters: Counters = { items: 0, accepted: 0, duplicates: 0, rejected: 0, rejectedRows: 0 };

  constructor(
    ctx: Ctx,
    kind: ImportKind,
    size: number,
    report: RejectionReport,
    present: ReadonlySet<string>,
  ) {
    this.ctx = ctx;
    this.kind = kind;
    this.ingest = INGEST[kind];
    this.size = size;
    this.report = report;
    this.present = present;
  }

  async item(item: unknown, lines: SourceLine[]): Promise<void> {
    this.counters.items++;
    this.current.items.push(item);
    this.current.lines.push(lines);
    if (this.current.items.length >= this.size) await this.dispatch();
  }

  async rejectedItem(lines: ReportLine[]): Promise<void> {
    this.counters.items++;
    this.counters.rejected++;
    this.current.problems.push(...lines);
    if (this.current.problems.length >= this.size) await this.dispatch();
  }

  async group(g: OrderGroup): Promise<void> {
    if (g.order) await this.item(g.order, g.lines);
    else await this.rejectedItem(g.problems.map((p) => toReport(p.line, p.problem)));
  }

  async dispatch(): Promise<void> {
    const batch = this.current;
    this.current = { items: [], lines: [], problems: [] };
    await this.settle();
    this.inflight = this.process(batch).catch((e: unknown) => {
      this.failure = e;
    });
  }

  /** Waits for the batch in flight; rethrows its failure. */
  async settle(): Promise<void> {
    if (this.inflight) await this.inflight;
    this.inflight = null;
    if (this.failure) throw this.failure;
  }

  async finish(): Promise<void> {
    await this.dispatch();
    await this.settle();
  }

  private async process(batch: Batch): Promise<void> {
    const lines = [...batch.problems];
    if (batch.items.length) {
      const result = await this.ingest(this.ctx, batch.items);
      this.counters.accepted += result.accepted;
      this.counters.duplicates += result.duplicates;
      const byIndex = new Map<number, ItemProblem[]>();
      for (const p of result.rejected) {
        // "duplicate of item 3 in the same batch" → "duplicate of row 17 …": batch positions mean nothing in a file
        const reason = p.reason.replace(/\bitem (\d+)\b/g, (m, i: string) => {
          const row = batch.lines[Number(i)]?.[0]?.rowNumber;
          return row === undefined ? m : `row ${row}`;
        });
        byIndex.set(p.index, [...(byIndex.get(p.index) ?? []), { ...p, reason }]);
      }
      this.counters.rejected += byIndex.size;
      for (const [index, problems] of byIndex)
        lines.push(...this.problemLines(batch.lines[index] ?? [], problems));
    }
    lines.sort((a, b) => a.row - b.row);
    this.counters.rejectedRows += new Set(lines.map((l) => l.row)).size;
    await this.report.add(lines);
  }

  /** An item's problems on the rows it came from: `items.N.*` on the Nth line of an order. */
  private problemLines(source: SourceLine[], problems: ItemProblem[]): ReportLine[] {
    const out: ReportLine[] = [];
    const hit = new Set<SourceLine>();
    for (const p of problems) {
      const m = /^items\.(\d+)\./.exec(p.field);
      const line = (m ? source[Number(m[1])] : undefined) ?? source[0];
      if (!line) continue;
      hit.add(line);
      out.push(
        toReport(line, { field: columnOf(this.kind, p.field, this.present), reason: p.reason, code: p.code }),
      );
    }
    const first = out[0];
    for (const line of source) {
      if (hit.has(line) || !first) continue;
      out.push(
        toReport(line, {
          field: ID_COLUMN[this.kind],
          reason: `order not imported: row ${first.row} was rejected`,
          code: 'import.order_line_rejected',
        }),
      );
    }
    return out;
  }
}

function progressBar(enabled: boolean, kind: string, total: number): cliProgress.SingleBar | null {
  if (!enabled || !process.stderr.isTTY) return null;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${kind} {bar} {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 200,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0, { rows: 0, speed: 0 });
  return bar;
}

/**
 * One id, one row per file: a repeated id is refused whichever batch it falls in, so the outcome
 * never depends on the batch size (the ingest service would otherwise refuse a repeat inside one
 * batch but apply it as an update in the next).
 */
function repeated(kind: ImportKind, record: Row, seen: SeenIds): RowProblem[] {
  const column = ID_COLUMN[kind];
  const id = record[column]?.trim() ?? '';
  if (!seen.has(id)) {
    seen.add(id);
    return [];
  }
  return [
    {
      field: column,
      reason: `${column} ${JSON.stringify(id)} already appeared earlier in this file; each one may appear once per file`,
      code: 'import.duplicate_id',
    },
  ];
}

/**
 * Imports one CSV/XLSX file of members, orders, products or events. Re-running the same file changes
 * nothing: the ingest services key every item by its client id and report identical items as duplicates.
 */
export async function runImport(
  app: App,
  kind: ImportKind,
  file: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  if (!isImportKind(kind)) {
    throw new AppError(
      'invalid',
      'import.unknown_kind',
      `Unknown import kind ${JSON.stringify(kind)}; use one of ${IMPORT_KINDS.join(', ')}`,
    );
  }
  const started = Date.now();
  const ctx = opts.ctx ?? cliCtx(app, 'import');
  const runId = opts.runId ?? newId('imp');
  const batchSize = Math.min(Math.max(Math.trunc(opts.batchSize ?? 1000) || 1000, 1), MAX_BATCH);
  await app.db.insert(importRuns).values({
    id: runId,
    kind,
    fileName: opts.fileName ?? path.basename(file),
    fileSha256: '',
    status: 'running',
    startedAt: new Date(started),
  });

  let table: Table | null = null;
  let report: RejectionReport | null = null;
  let bar: cliProgress.SingleBar | null = null;
  try {
    table = await openTable(file, KIND_COLUMNS[kind]);
    const reportFile = path.resolve(opts.reportFile ?? (await defaultReportPath(file, app.config.dataDir)));
    report = new RejectionReport(reportFile, table.header.cells);
    const present = new Set(table.header.match.columns.keys());
    const sink = new BatchSink(ctx, kind, batchSize, report, present);
    const grouper = kind === 'orders' ? new OrderGrouper() : null;
    const seen = new SeenIds();
    bar = progressBar(opts.progress ?? true, kind, table.file.size);

    let rows = 0;
    for await (const rec of table.records) {
      rows++;
      const line: SourceLine = { rowNumber: rec.rowNumber, record: rec.record, cells: rec.cells };
      if (grouper) {
        for (const g of grouper.add(line)) await sink.group(g);
      } else {
        const mapped = MAPPER[kind as Exclude<ImportKind, 'orders'>](rec.record);
        const problems = mapped.ok ? repeated(kind, rec.record, seen) : mapped.problems;
        if (mapped.ok && problems.length === 0) await sink.item(mapped.item, [line]);
        else await sink.rejectedItem(problems.map((p) => toReport(line, p)));
      }
      if (rows % 500 === 0)
        opts.onProgress?.({ rows, bytesRead: table.file.bytesRead(), totalBytes: table.file.size });
      if (bar && rows % 500 === 0) {
        bar.update(table.file.bytesRead(), {
          rows,
          speed: Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001)),
        });
      }
    }
    if (grouper) for (const g of grouper.finish()) await sink.group(g);
    await sink.finish();
    bar?.update(table.file.size, {
      rows,
      speed: Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001)),
    });
    bar?.stop();
    bar = null;
    opts.onProgress?.({ rows, bytesRead: table.file.size, totalBytes: table.file.size });
    await report.close();

    const c = sink.counters;
    const summary: ImportSummary = {
      runId,
      kind,
      file: path.resolve(file),
      format: table.file.format,
      encoding: table.file.encoding(),
      headerRow: table.header.rowNumber,
      ignoredColumns: table.header.match.ignored,
      rows,
      items: c.items,
      accepted: c.accepted,
      duplicates: c.duplicates,
      rejected: c.rejected,
      rejectedRows: c.rejectedRows,
      reportFile,
      elapsedMs: Date.now() - started,
    };
    await app.db
      .update(importRuns)
      .set({
        fileSha256: await table.file.sha256(),
        status: 'done',
        total: rows,
        accepted: c.accepted,
        rejected: c.rejectedRows,
        reportPath: reportFile,
        finishedAt: new Date(),
      })
      .where(eq(importRuns.id, runId));
    app.log.info(
      { ...summary, ignoredColumns: undefined },
      `import ${kind}: ${rows} rows, ${c.accepted} accepted, ${c.duplicates} unchanged, ${c.rejected} rejected; report ${reportFile}`,
    );
    return summary;
  } catch (err) {
    bar?.stop();
    await report?.close().catch(() => undefined);
    await table?.records.return(undefined).catch(() => undefined);
    await app.db
      .update(importRuns)
      .set({ status: 'failed', reportPath: report?.path ?? null, finishedAt: new Date() })
      .where(eq(importRuns.id, runId))
      .catch(() => undefined);
    throw err;
  }
}
