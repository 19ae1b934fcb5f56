/**
 * The webhook for third-party monitoring tools: `POST /api/v1/opinion/webhook/{source}` with the
 * raw body signed by HMAC-SHA256 under the source's secret, in `X-Linli-Signature: sha256=<hex>`.
 * The signature is checked over the exact bytes received (so the body is read raw here, in its own
 * plugin scope) before anything is parsed; a missing or wrong one is refused with 401.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { systemCtx, type App } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { CLIENT_SOURCES } from './intake.input.ts';
import { ingestMessages } from './intake.service.ts';
import { webhookSecretOf } from './settings.service.ts';

export const SIGNATURE_HEADER = 'x-linli-signature';

export function signBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function signatureMatches(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(signBody(secret, body));
  const got = Buffer.from(header.trim().toLowerCase());
  return got.length === want.length && timingSafeEqual(got, want);
}

const params = z.object({ source: z.enum(CLIENT_SOURCES) });

/** `{"items":[…]}`, an array, or one message object; every item takes the source of the path. */
function itemsOf(body: Buffer, source: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new AppError('invalid', 'request.json_invalid', `Malformed JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === 'object' && Array.isArray((parsed as { items?: unknown }).items)
      ? (parsed as { items: unknown[] }).items
      : [parsed];
  if (list.length > 1_000)
    throw new AppError(
      'too_large',
      'opinion.batch_too_large',
      `A webhook call holds at most 1,000 messages; got ${list.length}`,
    );
  return list.map((item) => (item && typeof item === 'object' ? { ...item, source } : item));
}

export function webhookRoutes(s: ZodServer, app: App): void {
  void s.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/v1/opinion/webhook/:source',
      {
        schema: {
          tags: ['opinion'],
          summary:
            'Messages from a monitoring tool, signed: X-Linli-Signature: sha256=HMAC-SHA256(secret, raw body)',
          description:
            'Body: {"items": [...]}, an array, or one message (text, id, memberId, orderId, sku, batch, pickupPointId, threadId, receivedAt). The source comes from the path. Set the secret with PUT /api/v1/opinion/webhook-secrets/{source}.',
        },
      },
      async (req) => {
        const p = params.safeParse(req.params);
        if (!p.success)
          throw new AppError(
            'not_found',
            'opinion.unknown_source',
            `No webhook source ${(req.params as { source?: string }).source}`,
          );
        const secret = await webhookSecretOf(app, p.data.source);
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const header = req.headers[SIGNATURE_HEADER];
        if (!secret || !signatureMatches(secret, body, typeof header === 'string' ? header : undefined))
          throw new AppError(
            'unauthenticated',
            'opinion.bad_signature',
            secret
              ? `Missing or wrong ${SIGNATURE_HEADER}: expected sha256=<hex HMAC-SHA256 of the raw body under the source's secret>`
              : `No secret is set for ${p.data.source}: webhooks from it are refused`,
          );
        return ingestMessages(
          systemCtx(app, `webhook:${p.data.source}`, req.id),
          itemsOf(body, p.data.source),
        );
      },
    );
  });
}
