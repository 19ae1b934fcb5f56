import { sql } from 'drizzle-orm';
import { date, index, integer, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    memberId: text('member_id').notNull(),
    communityId: text('community_id'),
    pickupPointId: text('pickup_point_id'),
    /** paid | picked_up | cancelled | refunded | partially_refunded */
    status: text('status').notNull(),
    itemsFen: integer('items_fen').notNull(),
    discountFen: integer('discount_fen').notNull().default(0),
    paidFen: integer('paid_fen').notNull(),
    refundedFen: integer('refunded_fen').notNull().default(0),
    placedAt: instant('placed_at').notNull(),
    pickedUpAt: instant('picked_up_at'),
    cancelledAt: instant('cancelled_at'),
    /** the day the member collects the goods (pre-order: usually the day after ordering) */
    pickupDate: date('pickup_date', { mode: 'string' }),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('orders_member_placed_idx').on(t.memberId, t.placedAt),
    index('orders_placed_idx').on(t.placedAt),
    index('orders_community_placed_idx').on(t.communityId, t.placedAt),
    // the demand history follows changed orders and reads orders by the day they are collected
    index('orders_updated_idx').on(t.updatedAt),
    index('orders_pickup_day_idx').on(
      sql`coalesce(${t.pickupDate}, (${t.placedAt} AT TIME ZONE 'Asia/Shanghai')::date)`,
    ),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    productId: text('product_id').notNull(),
    sku: text('sku').notNull(),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    unitPriceFen: integer('unit_price_fen').notNull(),
    amountFen: integer('amount_fen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.lineNo] }), index('order_items_product_idx').on(t.productId)],
);

export const refunds = pgTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    kind: text('kind').notNull(), // refund | return
    amountFen: integer('amount_fen').notNull(),
    reason: text('reason').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [index('refunds_order_idx').on(t.orderId)],
);
