import { parse } from 'csv-parse';
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { importRuns } from '../../platform/platform.schema.ts';
import { refreshRollups } from '../insights/index.ts';
import { isImportKind, IMPORT_KINDS, type ImportKind } from './columns.ts';
import { runImport, type ImportProgress, type ImportSummary } from './import.service.ts';

/**
 * Imports started from the console: the upload is stored under the data dir, the import runs in
 * the background, and the browser polls its progress. Progress lives in this process; the result
 * lives in `import_runs`, so a finished run reads the same after a restart.
 */
interface Live {
  progress: ImportProgress;
  summary: ImportSummary | null;
  error: { code: string; message: string } | null;
}

const live = new Map<string, Live>();
const ACCEPTED = new Set(['.csv', '.txt', '.tsv', '.xlsx']);

function uploadDir(ctx: Ctx): string {
  const dir = path.join(ctx.config.dataDir, 'uploads');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function startUpload(
  ctx: Ctx,
  kind: string,
  fileName: string,
  body: Readable & { truncated?: boolean },
) {
  if (!isImportKind(kind))
    throw new AppError(
      'invalid',
      'import.unknown_kind',
      `Unknown import kind ${JSON.stringify(kind)}; use one of ${IMPORT_KINDS.join(', ')}`,
    );
  const ext = path.extname(fileName).toLowerCase();
  if (!ACCEPTED.has(ext))
    throw new AppError(
      'invalid',
      'import.file_type',
      `${fileName}: only .csv, .tsv, .txt and .xlsx files can be imported`,
    );
  const runId = newId('imp');
  const stored = path.join(uploadDir(ctx), `${runId}${ext}`);
  try {
    await pipeline(body, createWriteStream(stored));
  } catch (err) {
    await rm(stored, { force: true });
    throw err;
  }
  if (body.truncated) {
    await rm(stored, { force: true });
    throw new AppError(
      'too_large',
      'import.file_too_large',
      `${fileName} exceeds the upload limit (LINLI_UPLOAD_LIMIT_MB)`,
    );
  }
  const state: Live = { progress: { rows: 0, bytesRead: 0, totalBytes: 0 }, summary: null, error: null };
  live.set(runId, state);
  runImport(ctx, kind as ImportKind, stored, {
    ctx,
    runId,
    fileName,
    progress: false,
    reportFile: path.join(uploadDir(ctx), `${runId}.rejected.csv`),
    onProgress: (p) => (state.progress = p),
  })
    .then(async (summary) => {
      state.summary = summary;
      // the dashboard shows the imported history without waiting for the worker
      await refreshRollups(ctx, 'changed').catch((err: unknown) =>
        ctx.log.warn({ err }, 'rollup refresh after import failed'),
      );
    })
    .catch((err: unknown) => {
      state.error = {
        code: err instanceof AppError ? err.code : 'import.failed',
        message: err instanceof Error ? err.message : String(err),
      };
      ctx.log.warn({ err, runId }, 'console import failed');
    })
    // the report keeps every rejected row with its original cells; the upload itself is not needed again
    .finally(() => rm(stored, { force: true }));
  return { id: runId, kind, fileName };
}

async function runRow(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(importRuns).where(eq(importRuns.id, id));
  return row;
}

export async function importStatus(ctx: Ctx, id: string) {
  const row = await runRow(ctx, id);
  const state = live.get(id);
  if (!row && !state) throw new AppError('not_found', 'import.not_found', `No import ${id}`);
  const failed =
    state?.error ??
    (row?.status === 'failed' ? { code: 'import.failed', message: 'The import failed' } : null);
  const done = Boolean(state?.summary) || row?.status === 'done';
  return {
    id,
    kind: row?.kind ?? null,
    fileName: row?.fileName ?? null,
    status: failed ? 'failed' : done ? 'done' : 'running',
    error: failed,
    progress: state?.progress ?? null,
    rows: state?.summary?.rows ?? row?.total ?? 0,
    accepted: state?.summary?.accepted ?? row?.accepted ?? 0,
    duplicates: state?.summary?.duplicates ?? null,
    rejectedRows: state?.summary?.rejectedRows ?? row?.rejected ?? 0,
    encoding: state?.summary?.encoding ?? null,
    startedAt: row?.startedAt ?? null,
    finishedAt: row?.finishedAt ?? null,
    hasReport: Boolean(row?.reportPath && existsSync(row.reportPath)),
  };
}

export async function listImportRuns(ctx: Ctx, limit: number) {
  return ctx.db
    .select({
      id: importRuns.id,
      kind: importRuns.kind,
      fileName: importRuns.fileName,
      status: importRuns.status,
      total: importRuns.total,
      accepted: importRuns.accepted,
      rejected: importRuns.rejected,
      startedAt: importRuns.startedAt,
      finishedAt: importRuns.finishedAt,
    })
    .from(importRuns)
    .orderBy(desc(importRuns.startedAt))
    .limit(limit);
}

async function reportPathOf(ctx: Ctx, id: string): Promise<string> {
  const row = await runRow(ctx, id);
  if (!row?.reportPath || !existsSync(row.reportPath))
    throw new AppError('not_found', 'import.report_not_found', `Import ${id} has no rejection report (yet)`);
  return row.reportPath;
}

/** The first `limit` rejected rows of a run, read back from its report. */
export async function rejectedRows(ctx: Ctx, id: string, limit: number) {
  const file = await reportPathOf(ctx, id);
  const items: Array<{ row: number; field: string; reason: string; code: string }> = [];
  const parser = createReadStream(file).pipe(
    parse({ bom: true, from_line: 2, relax_column_count: true, to_line: limit + 1 }),
  );
  for await (const rec of parser as AsyncIterable<string[]>)
    items.push({ row: Number(rec[0]), field: rec[1] ?? '', reason: rec[2] ?? '', code: rec[3] ?? '' });
  return { items };
}

export async function reportStream(ctx: Ctx, id: string): Promise<Readable> {
  return createReadStream(await reportPathOf(ctx, id));
}
