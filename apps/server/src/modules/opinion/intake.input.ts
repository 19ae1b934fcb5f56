/**
 * What a message may look like on the way in (API batch, CSV row, webhook), checked item by item so
 * one bad item is named with its field and reason while the rest are taken.
 */
import { OPINION_SOURCES, type OpinionRowProblem, type OpinionSource } from '@linli/contracts/opinion';
import { z } from 'zod';
import { parseInstant } from '../../platform/batch.ts';
import { productIdOf } from '../catalog/index.ts';
import { orderIdOf } from '../commerce/index.ts';
import { pickupPointIdOf } from '../communities/index.ts';
import { memberIdOf } from '../members/index.ts';
import { messageIdOf, textHashOf } from './keys.ts';

/** Longest text stored; a monitoring tool may forward a whole article, which is kept whole. */
export const MAX_TEXT_CHARS = 200_000;
/** Sources a client may send; `nps_detractor` messages are made by Linli from survey answers. */
export const CLIENT_SOURCES = OPINION_SOURCES.filter((s) => s !== 'nps_detractor') as Exclude<
  OpinionSource,
  'nps_detractor'
>[];

const ref = z.string().trim().min(1).max(128);
export const messageItem = z.strictObject({
  source: z.enum(CLIENT_SOURCES),
  id: ref.optional().describe("the client's own id; with it a retry never duplicates"),
  text: z
    .string({ error: (i) => (i.input === undefined ? 'the text is missing' : 'the text must be a string') })
    .max(MAX_TEXT_CHARS, `at most ${MAX_TEXT_CHARS.toLocaleString('en')} characters`),
  memberId: ref.optional().describe("the member's id as sent to ingest, or Linli's mbr_ id"),
  orderId: ref.optional(),
  sku: z.string().trim().min(1).max(64).optional(),
  batch: z.string().trim().min(1).max(64).optional().describe('production or delivery batch, when known'),
  pickupPointId: ref.optional(),
  threadId: z
    .string()
    .trim()
    .min(1)
    .max(256)
    .optional()
    .describe('the social post or thread the message is in'),
  receivedAt: z.string().max(40).optional().describe('ISO 8601; default: now'),
});
export type MessageItem = z.infer<typeof messageItem>;

/** A message ready to store: Linli ids resolved, time parsed, text hashed. */
export interface IncomingMessage {
  index: number;
  id: string;
  source: OpinionSource;
  externalId: string | null;
  text: string;
  textHash: string;
  memberId: string | null;
  orderId: string | null;
  productId: string | null;
  sku: string | null;
  batch: string | null;
  pickupPointId: string | null;
  communityId: string | null;
  threadId: string | null;
  receivedAt: Date;
}

const linli = (prefix: string, v: string | undefined, of: (x: string) => string) =>
  v === undefined ? null : new RegExp(`^${prefix}_[0-9a-f]{20}$`).test(v) ? v : of(v);

/** A zod issue as a stable code: `text_missing`, `source_invalid`, `unknown_field`. */
function codeOf(issue: z.core.$ZodIssue): string {
  const field = String(issue.path.at(-1) ?? 'item').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  if (issue.code === 'invalid_type' && issue.input === undefined) return `opinion.${field}_missing`;
  if (issue.code === 'unrecognized_keys') return 'opinion.unknown_field';
  if (issue.code === 'too_big' && field === 'text') return 'opinion.text_too_long';
  return `opinion.${field}_invalid`;
}

export function checkMessages(
  items: unknown[],
  o: { toleranceMs: number; now?: Date },
): { valid: IncomingMessage[]; problems: OpinionRowProblem[] } {
  const now = o.now ?? new Date();
  const seen = new Map<string, number>();
  const problems: OpinionRowProblem[] = [];
  const valid: IncomingMessage[] = [];
  items.forEach((raw, index) => {
    const parsed = messageItem.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          index,
          field:
            issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || '(item)',
          reason: issue.message,
          code: codeOf(issue),
        });
      return;
    }
    const m = parsed.data;
    const mine: OpinionRowProblem[] = [];
    const problem = (field: string, reason: string, code: string) =>
      mine.push({ index, field, reason, code: `opinion.${code}` });
    if (m.text.trim() === '') problem('text', 'the text is empty', 'text_empty');
    const at =
      m.receivedAt === undefined
        ? now
        : parseInstant(m.receivedAt, 'receivedAt', o.toleranceMs, problem, now.getTime());
    const id = messageIdOf(m.source, m.id);
    const first = seen.get(id);
    if (first !== undefined)
      problem('id', `duplicate of item ${first} in the same batch`, 'duplicate_in_batch');
    if (mine.length || !at) {
      problems.push(...mine);
      return;
    }
    seen.set(id, index);
    valid.push({
      index,
      id,
      source: m.source,
      externalId: m.id ?? null,
      text: m.text,
      textHash: textHashOf(m.text),
      memberId: linli('mbr', m.memberId, memberIdOf),
      orderId: linli('ord', m.orderId, orderIdOf),
      productId: m.sku ? productIdOf(m.sku) : null,
      sku: m.sku ?? null,
      batch: m.batch ?? null,
      pickupPointId: linli('pkp', m.pickupPointId, pickupPointIdOf),
      communityId: null,
      threadId: m.threadId ?? null,
      receivedAt: at,
    });
  });
  return { valid, problems };
}

/** CSV headers per field, English and Chinese. */
export const MESSAGE_COLUMNS: Readonly<Record<keyof MessageItem, readonly string[]>> = {
  source: ['来源', '渠道', 'channel', 'source_type'],
  id: ['message_id', '消息ID', '编号', 'external_id'],
  text: ['内容', '文本', '正文', '留言', 'content', 'message'],
  memberId: ['member_id', '会员ID', '用户ID'],
  orderId: ['order_id', '订单号', '订单ID'],
  sku: ['商品编码', 'SKU编码', 'product_sku'],
  batch: ['批次', '批次号', 'batch_no'],
  pickupPointId: ['pickup_point_id', '自提点ID', '自提点'],
  threadId: ['thread_id', 'post_id', '帖子ID', '话题ID'],
  receivedAt: ['received_at', 'time', '时间', '接收时间', '发布时间'],
};

/** Chinese names operators write in a source column. */
const SOURCE_NAMES: Record<string, OpinionSource> = {
  评价: 'review',
  商品评价: 'review',
  投诉: 'complaint',
  投诉单: 'complaint',
  complaint_form: 'complaint',
  群消息: 'group_message',
  群聊: 'group_message',
  group_chat: 'group_message',
  客服: 'cs_message',
  客服消息: 'cs_message',
  社交媒体: 'social_post',
  帖子: 'social_post',
};

export function sourceOf(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  return SOURCE_NAMES[v.trim()] ?? v.trim().toLowerCase();
}
