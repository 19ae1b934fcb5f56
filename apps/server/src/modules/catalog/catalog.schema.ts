import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

/** Two-level category tree (e.g. 水果 › 浆果). `code` is the stable key used by imports and the API. */
export const categories = pgTable('categories', {
  code: text('code').primaryKey(),
  parentCode: text('parent_code'),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const products = pgTable(
  'products',
  {
    id: text('id').primaryKey(),
    sku: text('sku').notNull().unique(),
    name: text('name').notNull(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => categories.code),
    unit: text('unit').notNull().default('份'),
    priceFen: integer('price_fen').notNull(),
    organic: boolean('organic').notNull().default(false),
    green: boolean('green').notNull().default(false),
    trending: boolean('trending').notNull().default(false),
    partner: boolean('partner').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** created because an order named an unknown SKU; completed when the product record arrives */
    isStub: boolean('is_stub').notNull().default(false),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [index('products_category_idx').on(t.categoryCode)],
);
