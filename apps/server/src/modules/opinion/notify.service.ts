/**
 * Notifications about incidents: a console list, notices to named people (the on-call executive),
 * and the operations WeCom group through its robot. Notices are rows written in the transaction of
 * what caused them (so a rolled-back escalation notifies nobody) and each exists once (`dedupe_key`).
 * WeCom rows are an outbox the worker delivers with retries, never inside a transaction.
 */
import type { NotificationView, OpinionLevel } from '@linli/contracts/opinion';
import type { App } from '../../platform/context.ts';
import { rows, type Queryable } from '../../platform/db/sql.ts';
import { randomId } from './keys.ts';
import { readSettings, wecomUrlOf } from './settings.service.ts';

export type NoticeKind = NotificationView['kind'];

export interface Notice {
  kind: NoticeKind;
  incidentId: string | null;
  level: OpinionLevel;
  title: string;
  body: string;
  /** the notice's identity: one per cause (e.g. `opinion:incident:…:resolve:breach`) */
  dedupe: string;
  at: Date;
  wecom?: boolean;
  /** usernames to notify in person (the on-call executive, an owner) */
  users?: Array<string | null | undefined>;
}

/** Writes the notice's rows; a notice written before (same dedupe key) is left as it was. */
export async function notify(db: Queryable, n: Notice): Promise<number> {
  const channels: Array<{ channel: string; recipient: string | null }> = [
    { channel: 'console', recipient: null },
  ];
  if (n.wecom) channels.push({ channel: 'wecom', recipient: null });
  for (const u of new Set(n.users ?? [])) if (u) channels.push({ channel: 'user', recipient: u });
  const r = await db.query(
    `INSERT INTO opinion_notifications (id, dedupe_key, at, kind, incident_id, level, title, body, channel,
       recipient, status, next_attempt_at)
     SELECT id, key, $1, $2, $3, $4, $5, $6, ch, rcpt, CASE WHEN ch = 'wecom' THEN 'pending' ELSE 'sent' END,
       CASE WHEN ch = 'wecom' THEN $1::timestamptz END
     FROM unnest($7::text[], $8::text[], $9::text[], $10::text[]) AS t(id, key, ch, rcpt)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      n.at,
      n.kind,
      n.incidentId,
      n.level,
      n.title,
      n.body,
      channels.map(() => randomId('opn')),
      channels.map((c) => `${n.dedupe}:${c.channel}${c.recipient ? `:${c.recipient}` : ''}`),
      channels.map((c) => c.channel),
      channels.map((c) => c.recipient),
    ],
  );
  return r.rowCount ?? 0;
}

const VIEW = `id, at, kind, incident_id AS "incidentId", level, title, body, channel, recipient, status, attempts,
  last_error AS "lastError"`;

/**
 * Notices newest first: the console list (`console`), the robot's outbox with its delivery status
 * (`wecom`), or those addressed to one username (`user`). A leader sees only their communities'.
 */
export function listNotifications(
  db: Queryable,
  o: {
    channel: 'console' | 'wecom' | 'user';
    user?: string | null;
    limit: number;
    communities?: string[] | null;
  },
): Promise<NotificationView<Date>[]> {
  return rows<NotificationView<Date>>(
    db,
    `SELECT ${VIEW} FROM opinion_notifications n
     WHERE channel = $2 AND ($2 <> 'user' OR recipient = $3)
       AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM opinion_incidents i WHERE i.id = n.incident_id
             AND i.community_id = ANY($4::text[])))
     ORDER BY at DESC, id LIMIT $1`,
    [o.limit, o.channel, o.user ?? null, o.communities ?? null],
  );
}

/** How long a claimed WeCom row is left to its sender before another worker may try it. */
const LEASE_MS = 60_000;
export const WECOM_ATTEMPTS = 6;
/** Wait after the n-th failed attempt: 5 s, 10 s, 20 s, 40 s, 80 s. */
export const backoffMs = (attempt: number) => 5_000 * 2 ** Math.max(0, attempt - 1);

/**
 * Sends due WeCom notices (oldest first). A row is claimed by moving its next attempt past the lease,
 * so two workers never send it at the same time, and no transaction is held during the request.
 */
export async function deliverWecom(
  app: App,
  o: { now?: Date; fetchImpl?: typeof fetch; limit?: number } = {},
): Promise<{ sent: number; failed: number; retrying: number }> {
  const now = o.now ?? new Date();
  const out = { sent: 0, failed: 0, retrying: 0 };
  const claimed = await rows<{ id: string; title: string; body: string; attempts: number }>(
    app.database.pool,
    `UPDATE opinion_notifications SET next_attempt_at = $2::timestamptz + make_interval(secs => ${LEASE_MS / 1000})
     WHERE id IN (SELECT id FROM opinion_notifications WHERE status = 'pending' AND next_attempt_at <= $2
                  ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING id, title, body, attempts`,
    [o.limit ?? 20, now],
  );
  if (claimed.length === 0) return out;
  const url = wecomUrlOf(app, await readSettings(app.database.pool));
  for (const n of claimed) {
    const error = url
      ? await postMarkdown(url, markdownOf(n), o.fetchImpl ?? fetch)
      : 'no WeCom robot configured';
    const attempts = n.attempts + 1;
    if (error === null) {
      out.sent++;
      await app.database.pool.query(
        `UPDATE opinion_notifications SET status = 'sent', attempts = $2, sent_at = $3, last_error = NULL,
           next_attempt_at = NULL WHERE id = $1`,
        [n.id, attempts, new Date()],
      );
      continue;
    }
    const giveUp = !url || attempts >= WECOM_ATTEMPTS;
    if (giveUp) out.failed++;
    else out.retrying++;
    await app.database.pool.query(
      `UPDATE opinion_notifications SET attempts = $2, last_error = $3, status = $4,
         next_attempt_at = CASE WHEN $4 = 'pending' THEN $5::timestamptz END WHERE id = $1`,
      [
        n.id,
        attempts,
        error.slice(0, 500),
        giveUp ? 'failed' : 'pending',
        new Date(now.getTime() + backoffMs(attempts)),
      ],
    );
    app.log.warn(
      { notification: n.id, attempts, error },
      giveUp ? 'WeCom notice failed' : 'WeCom notice will be retried',
    );
  }
  return out;
}

/** The robot takes at most 4,096 bytes of markdown. */
export function markdownOf(n: { title: string; body: string }): string {
  let s = `**${n.title}**\n${n.body}`;
  while (Buffer.byteLength(s) > 4_000) s = `${s.slice(0, Math.floor(s.length * 0.9))}…`;
  return s;
}

/**
 * One robot message: POST `{"msgtype":"markdown","markdown":{"content":…}}`; the robot answers
 * HTTP 200 with `{"errcode":0,"errmsg":"ok"}` on success and a non-zero errcode otherwise (bad key,
 * rate limit 45009, …). Returns null on success, else what went wrong.
 */
export async function postMarkdown(
  url: string,
  content: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  try {
    const res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) return `HTTP ${res.status}: ${text.slice(0, 200)}`;
    let body: { errcode?: unknown; errmsg?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return `not a robot answer: ${text.slice(0, 200)}`;
    }
    return body.errcode === 0 ? null : `errcode ${String(body.errcode)}: ${String(body.errmsg ?? '')}`;
  } catch (err) {
    return (err as Error).message;
  }
}
