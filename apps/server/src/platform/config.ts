import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Configuration is read from the environment (and an optional `.env` file in the working directory)
 * exactly once, here. Nothing else in the code base reads `process.env`.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LINLI_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LINLI_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LINLI_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (a 256-bit key)')
    .optional(),
  LINLI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LINLI_BODY_LIMIT_MB: z.coerce.number().positive().max(512).default(32),
  LINLI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  LINLI_FUTURE_TOLERANCE_MINUTES: z.coerce.number().int().nonnegative().default(10),
  LINLI_PGLITE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  LINLI_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  LINLI_UPLOAD_LIMIT_MB: z.coerce.number().positive().max(10240).default(2048),
  /** when the tag reconcile runs (cron, Asia/Shanghai): features rebuilt, every tag and segment re-checked */
  LINLI_TAG_RECONCILE_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'a five-field cron expression, e.g. "20 * * * *"')
    .default('20 * * * *'),
  /** when the nightly demand forecast and purchase suggestion run (cron, Asia/Shanghai) */
  LINLI_FORECAST_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'a five-field cron expression, e.g. "30 21 * * *"')
    .default('30 21 * * *'),
  /** the nightly order cut-off (Asia/Shanghai, HH:mm): orders after it are collected a day later */
  LINLI_ORDER_CUTOFF: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:mm, e.g. "23:00"')
    .default('23:00'),
  /** the operations WeCom group robot that SLA breaches go to (the console's setting overrides it) */
  LINLI_WECOM_WEBHOOK_URL: z
    .url({
      protocol: /^https?$/,
      error: 'an http(s) URL, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY',
    })
    .optional(),
  /** the address members reach Linli at, for links sent to them (NPS surveys); default http://localhost:PORT */
  LINLI_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. https://linli.example.com' })
    .optional(),
  /** the built console (apps/web/dist); empty serves no console */
  LINLI_WEB_DIR: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Omit<Env, 'LINLI_SECRET_KEY'> {
  dataDir: string;
  /** where the built console is served from */
  webDir: string;
  secretKey: Buffer;
  /** true when the secret key was generated on this start (operators must back it up) */
  secretKeyGenerated: boolean;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parse and validate; every bad value is named in one error. */
export function parseEnv(env: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(cleaned[String(i.path[0])])})`,
      ),
    );
  }
  return result.data;
}

function loadDotEnv(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** Reads the secret key from config, else from the data dir, else generates and stores one. */
function resolveSecretKey(env: Env, dataDir: string): { key: Buffer; generated: boolean } {
  if (env.LINLI_SECRET_KEY) return { key: Buffer.from(env.LINLI_SECRET_KEY, 'hex'), generated: false };
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(hex))
      throw new ConfigError([`${file}: does not hold a 64-hex-character key`]);
    return { key: Buffer.from(hex, 'hex'), generated: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600 });
  return { key, generated: true };
}

export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  const merged = { ...loadDotEnv(path.resolve('.env')), ...process.env, ...overrides };
  const env = parseEnv(merged);
  const dataDir = path.resolve(env.LINLI_DATA_DIR);
  const { key, generated } = resolveSecretKey(env, dataDir);
  const { LINLI_SECRET_KEY: _ignored, ...rest } = env;
  const webDir = env.LINLI_WEB_DIR ? path.resolve(env.LINLI_WEB_DIR) : DEFAULT_WEB_DIR;
  return { ...rest, dataDir, webDir, secretKey: key, secretKeyGenerated: generated };
}

/** The console's build output inside this repository (`npm run build -w @linli/web`). */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));
