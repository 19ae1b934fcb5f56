import { z } from 'zod';

/**
 * Shapes machine clients send to /api/v1/ingest/* and that file imports map their rows to. Items are
 * validated one by one on the server (one bad item never sinks the batch), so these describe the
 * contract for documentation; the server's item validators give the per-field reasons.
 */
export const MAX_BATCH = 10_000;

export const CONSENT_CHANNELS = ['sms', 'wechat', 'wecom', 'in_app', 'webhook', 'email'] as const;
export const GENDERS = ['male', 'female', 'unknown'] as const;
export const DEVICE_TYPES = ['ios', 'android', 'harmonyos', 'mini_program', 'h5', 'other'] as const;
export const ORDER_STATUSES = ['paid', 'picked_up', 'cancelled', 'refunded', 'partially_refunded'] as const;

export const EVENT_TYPES = [
  'app_open',
  'view_product',
  'add_to_cart',
  'share',
  'check_in',
  'content_view',
  'content_share',
  'cs_contact',
  'review',
  'complaint',
  'ugc_post',
  /** a member's message in a community WeChat group (imported from a group-management tool) */
  'group_message',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The event types that may carry a `text` (scored by the text module). */
export const TEXT_EVENT_TYPES: readonly EventType[] = [
  'review',
  'complaint',
  'ugc_post',
  'cs_contact',
  'group_message',
];

const clientId = z
  .string()
  .min(1)
  .max(128)
  .describe("the client's own id; a retry with the same id never duplicates");
const instant = z.string().describe('ISO 8601 timestamp with offset, e.g. 2026-11-26T08:30:00+08:00');
const fen = z.number().int().nonnegative().describe('integer fen (1/100 yuan)');

export const consentInput = z.object({
  channel: z.enum(CONSENT_CHANNELS),
  granted: z.boolean(),
  at: instant.optional(),
  source: z.string().max(64).optional(),
});

export const memberInput = z.object({
  id: clientId,
  phone: z.string().optional().describe('mainland mobile number; stored encrypted'),
  nickname: z.string().max(64).optional(),
  gender: z.enum(GENDERS).optional(),
  birthday: z.string().optional().describe('YYYY-MM-DD'),
  registeredAt: instant.optional(),
  communityId: z.string().optional().describe("the community's external id"),
  pickupPointId: z.string().optional().describe("the pickup point's external id"),
  deviceType: z.enum(DEVICE_TYPES).optional(),
  referrerId: z.string().optional().describe("the referring member's client id"),
  consents: z.array(consentInput).optional(),
});
export type MemberInput = z.infer<typeof memberInput>;

export const orderItemInput = z.object({
  sku: z.string().min(1),
  quantity: z.number().positive(),
  unitPriceFen: fen,
  amountFen: fen.optional().describe('defaults to round(quantity × unitPriceFen)'),
});

export const refundInput = z.object({
  id: clientId,
  amountFen: fen,
  reason: z.string().min(1).max(500),
  kind: z.enum(['refund', 'return']).optional(),
  at: instant,
});

export const orderInput = z.object({
  id: clientId,
  memberId: z.string().min(1).describe("the member's client id; unknown members are created as stubs"),
  placedAt: instant,
  status: z.enum(ORDER_STATUSES).optional().describe('paid by default; refund states follow from refunds'),
  communityId: z.string().optional(),
  pickupPointId: z.string().optional(),
  pickupDate: z.string().optional().describe('YYYY-MM-DD'),
  discountFen: fen.optional(),
  pickedUpAt: instant.optional(),
  cancelledAt: instant.optional(),
  items: z.array(orderItemInput).min(1),
  refunds: z.array(refundInput).optional(),
});
export type OrderInput = z.infer<typeof orderInput>;

export const eventInput = z.object({
  id: clientId,
  memberId: z.string().min(1),
  type: z.enum(EVENT_TYPES),
  occurredAt: instant,
  productSku: z.string().optional(),
  contentId: z.string().optional(),
  orderId: z.string().optional(),
  dwellMs: z.number().int().nonnegative().optional().describe('content_view only'),
  rating: z.number().int().min(1).max(5).optional().describe('review only'),
  text: z.string().max(5000).optional().describe('review, complaint, ugc_post, cs_contact, group_message'),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type EventInput = z.infer<typeof eventInput>;

export const productInput = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  category: z.string().describe('category code, e.g. fruit.berry'),
  unit: z.string().max(16).optional(),
  priceFen: fen,
  organic: z.boolean().optional(),
  green: z.boolean().optional(),
  trending: z.boolean().optional(),
  partner: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type ProductInput = z.infer<typeof productInput>;

export const ingestBatch = <T extends z.ZodTypeAny>(item: T) =>
  z
    .object({ items: z.array(z.unknown()).max(MAX_BATCH).describe(`up to ${MAX_BATCH} items`) })
    .describe(`items of shape ${item.description ?? 'see schema'}`);
