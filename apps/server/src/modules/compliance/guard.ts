/**
 * The one check every sender makes: is this exact copy approved? By item — its current version must
 * be the approved one (approving v2 does not approve v3) — or by text and channel — an approved item
 * for that channel whose current version is exactly this text. Anything else is refused with the
 * reason. Messaging and content modules call it in one line before every send:
 *
 *   await assertPublishable(app, { itemId, channel: 'app_push' });
 *
 * Pass a transaction's client instead of the app to check inside the transaction that sends.
 */
import type { ContentChannel } from '@linli/contracts/compliance';
import type { Database } from '../../platform/db/index.ts';
import { rows, type Queryable } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { maskBlocked, setUgcScreen, type ScreenedText } from '../../platform/ugc.ts';
import { textHash } from './items.service.ts';
import { liveBook } from './packs.service.ts';

export type GuardTarget =
  { itemId: string; channel?: ContentChannel | undefined } | { text: string; channel: ContentChannel };

export interface Approval {
  itemId: string;
  version: number;
  channel: ContentChannel;
  approvedAt: Date;
}

type On = { database: Database } | Queryable;

// an App (or Ctx) has no `query`; a pool or a transaction's client has (and a client also has a
// `database` field: its database's name, so that cannot tell them apart)
const dbOf = (on: On): Queryable =>
  'query' in on && typeof on.query === 'function' ? on : (on as { database: Database }).database.pool;

function refuse(reason: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(
    'conflict',
    'compliance.not_approved',
    `Not approved for publishing: ${reason}`,
    details,
  );
}

interface Row {
  id: string;
  status: string;
  channel: ContentChannel;
  currentVersion: number;
  approvedVersion: number | null;
  approvedAt: Date | null;
  recalled: boolean;
}

/**
 * The approval of the current version: the item says so (status, approved version) and the
 * decisions agree (an approve of that version at its last stage, no recall of it).
 */
const SELECT = `SELECT i.id, i.status, i.channel, i.current_version AS "currentVersion",
    i.approved_version AS "approvedVersion",
    (SELECT max(d.decided_at) FROM compliance_decisions d
      WHERE d.item_id = i.id AND d.version = i.current_version AND d.decision = 'approve'
        AND d.stage IN ('review', 'legal')) AS "approvedAt",
    EXISTS (SELECT 1 FROM compliance_decisions d WHERE d.item_id = i.id AND d.version = i.current_version
      AND d.decision = 'recall') AS recalled
  FROM compliance_items i`;

function verdictOf(r: Row, channel: ContentChannel | undefined): Approval {
  const details = {
    itemId: r.id,
    status: r.status,
    currentVersion: r.currentVersion,
    approvedVersion: r.approvedVersion,
  };
  if (r.status !== 'approved' || r.approvedVersion === null)
    throw refuse(`item ${r.id} is ${r.status} (version ${r.currentVersion})`, details);
  if (r.approvedVersion !== r.currentVersion)
    throw refuse(
      `version ${r.currentVersion} of ${r.id} is not approved (version ${r.approvedVersion} was)`,
      details,
    );
  if (!r.approvedAt || r.recalled)
    throw refuse(`version ${r.currentVersion} of ${r.id} has no standing approval`, details);
  if (channel && channel !== r.channel)
    throw refuse(`item ${r.id} was approved for ${r.channel}, not ${channel}`, details);
  return { itemId: r.id, version: r.currentVersion, channel: r.channel, approvedAt: r.approvedAt };
}

/** Refuses (`409 compliance.not_approved`, with the reason) anything not approved as it is now. */
export async function assertPublishable(on: On, target: GuardTarget): Promise<Approval> {
  const db = dbOf(on);
  if ('itemId' in target) {
    const [r] = await rows<Row>(db, `${SELECT} WHERE i.id = $1`, [target.itemId]);
    if (!r) throw refuse(`no content item ${target.itemId}`);
    return verdictOf(r, target.channel);
  }
  if (typeof target.text !== 'string' || target.text.trim() === '') throw refuse('the copy is empty');
  // the exact text (no folding: one changed character is another text that was never approved)
  const found = await rows<Row>(
    db,
    `${SELECT} JOIN compliance_versions v ON v.item_id = i.id AND v.version = i.current_version
     WHERE v.text_hash = $1 AND v.text = $2 AND i.channel = $3
     ORDER BY i.status = 'approved' DESC, i.updated_at DESC LIMIT 5`,
    [textHash(target.text), target.text, target.channel],
  );
  if (found.length === 0) throw refuse(`this copy was never submitted for ${target.channel}`);
  let first: unknown;
  for (const r of found)
    try {
      return verdictOf(r, target.channel);
    } catch (e) {
      first ??= e;
    }
  throw first;
}

/** The same check as a boolean (other errors, such as a lost connection, still throw). */
export async function isPublishable(on: On, target: GuardTarget): Promise<boolean> {
  try {
    await assertPublishable(on, target);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'compliance.not_approved') return false;
    throw e;
  }
}

/**
 * Screens member-written text for display with the live packs: block hits masked, and a UGC text
 * that reviewers rejected (or recalled) masked whole.
 */
export function installUgcScreen(database: Database): void {
  setUgcScreen(async (db, texts): Promise<ScreenedText[]> => {
    const { book } = await liveBook(database);
    const refused = new Set(
      (
        await rows<{ textHash: string }>(
          db,
          `SELECT DISTINCT v.text_hash AS "textHash" FROM compliance_versions v
           JOIN compliance_items i ON i.id = v.item_id AND i.type = 'ugc'
           JOIN compliance_decisions d ON d.item_id = v.item_id AND d.version = v.version
             AND d.decision IN ('reject', 'recall')
           WHERE v.text_hash = ANY($1::text[])`,
          [texts.map(textHash)],
        )
      ).map((r) => r.textHash),
    );
    return texts.map((t) =>
      refused.has(textHash(t))
        ? { text: '＊'.repeat(Math.min([...t].length, 20)), verdict: 'block', masked: true }
        : maskBlocked(t, book.scan(t)),
    );
  });
}
