/** Response settings (scale rule, windows, SLA minutes, WeCom robot, on-call executive) and webhook secrets. */
import { OPINION_SOURCES, type OpinionSettings } from '@linli/contracts/opinion';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { App, Ctx } from '../../platform/context.ts';
import { rows, withTransaction, type Queryable } from '../../platform/db/sql.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { decryptPii, encryptPii } from '../../platform/pii.ts';

export const DEFAULT_SETTINGS: Omit<OpinionSettings<Date>, 'webhookSources'> = {
  scaleHouseholds: 10,
  scaleWindowHours: 24,
  groupWindowHours: 24,
  ackMinutes: 15,
  resolveMinutes: 120,
  closeMinutes: 1440,
  wecomWebhookUrl: null,
  oncallExecutive: null,
  updatedAt: null,
};

export async function readSettings(db: Queryable): Promise<OpinionSettings<Date>> {
  const [s] = await rows<Omit<OpinionSettings<Date>, 'webhookSources'>>(
    db,
    `SELECT scale_households AS "scaleHouseholds", scale_window_hours AS "scaleWindowHours",
       group_window_hours AS "groupWindowHours", ack_minutes AS "ackMinutes", resolve_minutes AS "resolveMinutes",
       close_minutes AS "closeMinutes", wecom_webhook_url AS "wecomWebhookUrl", oncall_executive AS "oncallExecutive",
       updated_at AS "updatedAt"
     FROM opinion_settings WHERE id = 1`,
  );
  const sources = await rows<{ source: string }>(db, 'SELECT source FROM opinion_webhook_secrets ORDER BY 1');
  return { ...DEFAULT_SETTINGS, ...s, webhookSources: sources.map((r) => r.source) };
}

/**
 * The settings as intake reads them, remembered for a few seconds (every message needs them; a
 * change made here is seen at once, one made by another process within SETTINGS_TTL_MS).
 */
const SETTINGS_TTL_MS = 5_000;
let cached: { at: number; value: OpinionSettings<Date> } | null = null;

export async function cachedSettings(db: Queryable): Promise<OpinionSettings<Date>> {
  if (cached && Date.now() - cached.at < SETTINGS_TTL_MS) return cached.value;
  const value = await readSettings(db);
  cached = { at: Date.now(), value };
  return value;
}

/** The robot URL in use: the console setting, else LINLI_WECOM_WEBHOOK_URL. */
export function wecomUrlOf(app: App, s: Pick<OpinionSettings, 'wecomWebhookUrl'>): string | null {
  return s.wecomWebhookUrl ?? app.config.LINLI_WECOM_WEBHOOK_URL ?? null;
}

const minutes = (max: number) => z.number().int().min(1).max(max);
export const settingsInput = z.object({
  scaleHouseholds: z.number().int().min(2).max(10_000),
  scaleWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  groupWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  ackMinutes: minutes(24 * 60),
  resolveMinutes: minutes(7 * 24 * 60),
  closeMinutes: minutes(30 * 24 * 60),
  wecomWebhookUrl: z
    .url({
      protocol: /^https?$/,
      error: 'an http(s) URL, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
    })
    .max(500)
    .nullable(),
  oncallExecutive: z.string().min(1).max(64).nullable(),
});

export async function putSettings(ctx: Ctx, input: unknown): Promise<OpinionSettings<Date>> {
  const before = await readSettings(ctx.database.pool);
  const given = { ...(input as Record<string, unknown>) };
  // the robot URL is shown with its key masked: sending the mask back keeps the stored URL
  if (typeof given.wecomWebhookUrl === 'string' && given.wecomWebhookUrl.includes('key=****'))
    delete given.wecomWebhookUrl;
  const s = parseInput(settingsInput, { ...before, ...given }, 'opinion.settings_invalid', 'settings');
  if (s.ackMinutes >= s.resolveMinutes || s.resolveMinutes >= s.closeMinutes)
    throw new AppError(
      'invalid',
      'opinion.settings_invalid',
      'Each level must have more time than the one below it (acknowledge < resolve < close)',
      [{ field: 'resolveMinutes', reason: 'ackMinutes < resolveMinutes < closeMinutes' }],
    );
  if (s.oncallExecutive) {
    const [u] = await rows<{ roles: string[] }>(
      ctx.database.pool,
      'SELECT roles FROM users WHERE username = $1',
      [s.oncallExecutive],
    );
    if (!u)
      throw new AppError('invalid', 'opinion.unknown_user', `No user ${s.oncallExecutive}`, [
        { field: 'oncallExecutive', reason: 'an existing username' },
      ]);
  }
  await withTransaction(ctx.database, async (tx) => {
    await tx.query(
      `INSERT INTO opinion_settings (id, scale_households, scale_window_hours, group_window_hours, ack_minutes,
         resolve_minutes, close_minutes, wecom_webhook_url, oncall_executive, updated_by, updated_at)
       VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (id) DO UPDATE SET scale_households = $1, scale_window_hours = $2, group_window_hours = $3,
         ack_minutes = $4, resolve_minutes = $5, close_minutes = $6, wecom_webhook_url = $7, oncall_executive = $8,
         updated_by = $9, updated_at = now()`,
      [
        s.scaleHouseholds,
        s.scaleWindowHours,
        s.groupWindowHours,
        s.ackMinutes,
        s.resolveMinutes,
        s.closeMinutes,
        s.wecomWebhookUrl,
        s.oncallExecutive,
        ctx.actor.id,
      ],
    );
    // the robot URL holds its key: the audit keeps only whether one is set
    const redact = (x: typeof s | OpinionSettings<Date>) => ({
      ...x,
      wecomWebhookUrl: x.wecomWebhookUrl ? '(set)' : null,
    });
    await recordAudit(
      ctx,
      {
        action: 'update',
        entity: 'opinion_settings',
        entityId: '1',
        before: redact(before),
        after: redact(s),
      },
      tx,
    );
  });
  cached = null;
  return readSettings(ctx.database.pool);
}

export const webhookSource = z.enum(
  OPINION_SOURCES.filter((s) => s !== 'nps_detractor') as [string, ...string[]],
);

/**
 * Sets the HMAC secret of a webhook source: the one given (≥ 16 characters), or a new random one.
 * The secret is answered once, here, and stored encrypted.
 */
export async function setWebhookSecret(
  ctx: Ctx,
  source: string,
  given?: string,
): Promise<{ source: string; secret: string }> {
  if (given !== undefined && given.length < 16)
    throw new AppError('invalid', 'opinion.secret_too_short', 'A webhook secret has at least 16 characters', [
      { field: 'secret', reason: 'at least 16 characters' },
    ]);
  const secret = given ?? randomBytes(24).toString('base64url');
  await withTransaction(ctx.database, async (tx) => {
    await tx.query(
      `INSERT INTO opinion_webhook_secrets (source, secret_enc, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (source) DO UPDATE SET secret_enc = $2, updated_by = $3, updated_at = now()`,
      [source, encryptPii(ctx.pii, secret), ctx.actor.id],
    );
    await recordAudit(ctx, { action: 'set_secret', entity: 'opinion_webhook', entityId: source }, tx);
  });
  return { source, secret };
}

export async function webhookSecretOf(app: App, source: string): Promise<string | null> {
  const [r] = await rows<{ enc: string }>(
    app.database.pool,
    'SELECT secret_enc AS enc FROM opinion_webhook_secrets WHERE source = $1',
    [source],
  );
  return r ? decryptPii(app.pii, r.enc) : null;
}
