import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

/**
 * Net demand (ordered − refunded) per product, pickup point ('' for orders without one) and pickup
 * day, from the commerce module's orders. Days are recomputed whole, never patched: the pickup days
 * of orders changed since the watermark, and the last two weeks on every nightly run.
 */
export const demandDays = pgTable(
  'demand_days',
  {
    productId: text('product_id').notNull(),
    pointId: text('point_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    orderedQty: numeric('ordered_qty', { precision: 14, scale: 3 }).notNull(),
    netQty: numeric('net_qty', { precision: 14, scale: 3 }).notNull(),
    orderedFen: bigint('ordered_fen', { mode: 'number' }).notNull(),
    netFen: bigint('net_fen', { mode: 'number' }).notNull(),
    orders: integer('orders').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.pointId, t.day] }), index('demand_days_day_idx').on(t.day)],
);

/** One row: orders updated after `watermark` (less a safety overlap) are not yet in demand_days. */
export const demandRefresh = pgTable('demand_refresh', {
  id: smallint('id').primaryKey().default(1),
  watermark: instant('watermark'),
  refreshedAt: instant('refreshed_at').notNull().defaultNow(),
});

/**
 * Days a product was not on sale or sold out, for the whole business (`point_id` '') or one pickup
 * point. Such days are censored: they say nothing about how much members wanted it.
 */
export const availabilityMarks = pgTable(
  'availability_marks',
  {
    productId: text('product_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    pointId: text('point_id').notNull().default(''),
    /** off_sale | sold_out */
    kind: text('kind').notNull(),
    note: text('note').notNull().default(''),
    updatedBy: text('updated_by'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.day, t.pointId] }), index('availability_day_idx').on(t.day)],
);

/** What buying a product costs and loses; a null falls back to its category's default. */
export const supplyItems = pgTable('supply_items', {
  productId: text('product_id').primaryKey(),
  /** 损耗率: share of what is bought lost in handling, percent */
  lossRatePct: numeric('loss_rate_pct', { precision: 5, scale: 2 }),
  shelfLifeDays: integer('shelf_life_days'),
  unitCostFen: integer('unit_cost_fen'),
  updatedBy: text('updated_by'),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** Defaults per category (leaf or top level); `cost_share_pct` estimates a unit cost from the price. */
export const supplyDefaults = pgTable('supply_category_defaults', {
  categoryCode: text('category_code').primaryKey(),
  lossRatePct: numeric('loss_rate_pct', { precision: 5, scale: 2 }).notNull(),
  shelfLifeDays: integer('shelf_life_days').notNull(),
  costSharePct: numeric('cost_share_pct', { precision: 5, scale: 2 }),
  updatedBy: text('updated_by'),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** Daily weather per city: the observed past and the forecast ahead, as imported. */
export const weatherDays = pgTable(
  'weather_days',
  {
    city: text('city').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    tempMax: doublePrecision('temp_max'),
    tempMin: doublePrecision('temp_min'),
    rainMm: doublePrecision('rain_mm'),
    /** none | heat | typhoon | rainstorm */
    alert: text('alert').notNull().default('none'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.city, t.day] })],
);

/** Every nightly or manual run, with its stage timings and, when it succeeded, its summary. */
export const forecastRuns = pgTable(
  'forecast_runs',
  {
    id: text('id').primaryKey(),
    pickupDate: date('pickup_date', { mode: 'string' }).notNull(),
    /** schedule | manual | cli */
    trigger: text('trigger').notNull(),
    /** running | succeeded | failed */
    status: text('status').notNull(),
    error: text('error'),
    actor: text('actor'),
    startedAt: instant('started_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
    /** seconds per stage */
    stages: jsonb('stages').notNull().default({}),
    /** accuracy, simulation, learned weights, model counts (succeeded runs) */
    summary: jsonb('summary'),
  },
  (t) => [
    index('forecast_runs_date_idx').on(t.pickupDate, t.startedAt),
    // one run at a time per pickup date
    uniqueIndex('forecast_runs_running_idx')
      .on(t.pickupDate)
      .where(sql`status = 'running'`),
  ],
);

/**
 * The night's forecast and purchase suggestion per product for one pickup date, with the reasoning
 * behind it. A run replaces its pickup date's rows only when it succeeds.
 */
export const forecastItems = pgTable(
  'forecast_items',
  {
    pickupDate: date('pickup_date', { mode: 'string' }).notNull(),
    productId: text('product_id').notNull(),
    runId: text('run_id').notNull(),
    model: text('model').notNull(),
    /** the model's demand forecast for the pickup day */
    p10: doublePrecision('p10').notNull(),
    p50: doublePrecision('p50').notNull(),
    p90: doublePrecision('p90').notNull(),
    /** the same after the order book is blended in */
    demandP10: doublePrecision('demand_p10').notNull(),
    demandP50: doublePrecision('demand_p50').notNull(),
    demandP90: doublePrecision('demand_p90').notNull(),
    booked: doublePrecision('booked').notNull(),
    /** share of a pickup day's demand usually booked by the run's hour the evening before */
    shareBefore: doublePrecision('share_before'),
    ratio: doublePrecision('ratio').notNull(),
    lossRate: doublePrecision('loss_rate').notNull(),
    shelfLifeDays: integer('shelf_life_days').notNull(),
    unitCostFen: integer('unit_cost_fen'),
    priceFen: integer('price_fen'),
    suggestedQty: doublePrecision('suggested_qty').notNull(),
    /** purchase step: 0.1 for goods sold by weight, 1 for pieces */
    step: doublePrecision('step').notNull(),
    /** units the global model attributes to each feature group for the pickup day */
    contributions: jsonb('contributions'),
    /** horizon-1 accuracy over the recent backtest: Linli and seasonal naive */
    wape: doublePrecision('wape'),
    naiveWape: doublePrecision('naive_wape'),
    evalDays: integer('eval_days').notNull().default(0),
    /** per city panel: model, forecast, book and purchase */
    cities: jsonb('cities').notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.pickupDate, t.productId] })],
);

/** The 7-day forecast band per product from a pickup date's run. */
export const forecastDays = pgTable(
  'forecast_days',
  {
    pickupDate: date('pickup_date', { mode: 'string' }).notNull(),
    productId: text('product_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    p10: doublePrecision('p10').notNull(),
    p50: doublePrecision('p50').notNull(),
    p90: doublePrecision('p90').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pickupDate, t.productId, t.day] })],
);

/** The pickup day's forecast and suggestion split over pickup points (they add up to the product's). */
export const forecastAllocations = pgTable(
  'forecast_allocations',
  {
    pickupDate: date('pickup_date', { mode: 'string' }).notNull(),
    productId: text('product_id').notNull(),
    pointId: text('point_id').notNull(),
    share: doublePrecision('share').notNull(),
    booked: doublePrecision('booked').notNull(),
    p50: doublePrecision('p50').notNull(),
    qty: doublePrecision('qty').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pickupDate, t.productId, t.pointId] })],
);

/** An operator's purchase quantity in place of the suggestion; kept across re-runs. */
export const replenishmentOverrides = pgTable(
  'replenishment_overrides',
  {
    pickupDate: date('pickup_date', { mode: 'string' }).notNull(),
    productId: text('product_id').notNull(),
    qty: numeric('qty', { precision: 14, scale: 3 }).notNull(),
    reason: text('reason').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pickupDate, t.productId] })],
);
