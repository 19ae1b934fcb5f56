import { bigint, date, index, integer, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

/**
 * Rollups the dashboard reads instead of scanning orders and events. Days are Asia/Shanghai
 * calendar days. `community_id` is '' for members without a community and '*' for the whole
 * business. Sales belong to the order's community, members and activity to the member's.
 */

/** One row per member and day on which they ordered or did anything. */
export const activityDays = pgTable(
  'activity_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    memberId: text('member_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.memberId] }),
    index('activity_days_member_idx').on(t.memberId, t.day),
  ],
);

export const kpiDays = pgTable(
  'kpi_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    communityId: text('community_id').notNull(),
    /** members who had joined by the end of the day */
    members: integer('members').notNull().default(0),
    newMembers: integer('new_members').notNull().default(0),
    orders: integer('orders').notNull().default(0),
    buyers: integer('buyers').notNull().default(0),
    gmvFen: bigint('gmv_fen', { mode: 'number' }).notNull().default(0),
    refundedOrders: integer('refunded_orders').notNull().default(0),
    refundedFen: bigint('refunded_fen', { mode: 'number' }).notNull().default(0),
    active1d: integer('active_1d').notNull().default(0),
    active7d: integer('active_7d').notNull().default(0),
    active30d: integer('active_30d').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.day] })],
);

/** Weeks start on Monday; distinct counts cannot be summed from days, so weeks have their own. */
export const kpiWeeks = pgTable(
  'kpi_weeks',
  {
    week: date('week', { mode: 'string' }).notNull(),
    communityId: text('community_id').notNull(),
    buyers: integer('buyers').notNull().default(0),
    active: integer('active').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.week] })],
);

/** Line sales per day, order community ('*': all) and product (amounts before order-level discounts). */
export const productSalesDays = pgTable(
  'product_sales_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    communityId: text('community_id').notNull(),
    productId: text('product_id').notNull(),
    orders: integer('orders').notNull(),
    quantity: numeric('quantity', { precision: 14, scale: 3 }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.day, t.productId] })],
);

/** How far the rollups are complete: the dashboard shows this time. */
export const rollupState = pgTable('rollup_state', {
  name: text('name').primaryKey(),
  refreshedAt: instant('refreshed_at').notNull(),
  /** first day recomputed by the last refresh */
  since: date('since', { mode: 'string' }).notNull(),
  ms: integer('ms').notNull(),
});
