import { z } from 'zod';
import { rolesFor } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { IMPORT_KINDS, KIND_COLUMNS } from './columns.ts';
import { importStatus, listImportRuns, rejectedRows, reportStream, startUpload } from './import.uploads.ts';

const access = { roles: rolesFor('imports'), scopes: ['ingest'] };
const idParams = z.object({ id: z.string() });

export function importsRoutes(s: ZodServer, app: App): void {
  s.get(
    '/api/v1/imports/kinds',
    { schema: { tags: ['imports'], summary: 'Importable kinds and their columns' } },
    async (req) => {
      ctxFor(app, req, access);
      return { items: IMPORT_KINDS.map((kind) => ({ kind, columns: KIND_COLUMNS[kind] })) };
    },
  );
  s.post(
    '/api/v1/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Upload a CSV/XLSX file (multipart field `file`) and import it in the background',
        querystring: z.object({ kind: z.enum(IMPORT_KINDS as unknown as [string, ...string[]]) }),
      },
    },
    async (req, reply) => {
      const ctx = ctxFor(app, req, access);
      const file = await req.file();
      if (!file)
        throw new AppError(
          'invalid',
          'import.file_missing',
          'Send the file as multipart/form-data field "file"',
        );
      return reply.status(202).send(await startUpload(ctx, req.query.kind, file.filename, file.file));
    },
  );
  s.get(
    '/api/v1/imports',
    {
      schema: {
        tags: ['imports'],
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
    },
    async (req) => ({ items: await listImportRuns(ctxFor(app, req, access), req.query.limit) }),
  );
  s.get('/api/v1/imports/:id', { schema: { tags: ['imports'], params: idParams } }, async (req) =>
    importStatus(ctxFor(app, req, access), req.params.id),
  );
  s.get(
    '/api/v1/imports/:id/rejections',
    {
      schema: {
        tags: ['imports'],
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      },
    },
    async (req) => rejectedRows(ctxFor(app, req, access), req.params.id, req.query.limit),
  );
  s.get(
    '/api/v1/imports/:id/report.csv',
    { schema: { tags: ['imports'], params: idParams } },
    async (req, reply) => {
      const stream = await reportStream(ctxFor(app, req, access), req.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.id}.rejected.csv"`)
        .send(stream);
    },
  );
}
