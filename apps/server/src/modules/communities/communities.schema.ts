import { doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

/** A residential community (小区) served by the business, in a city and district. */
export const communities = pgTable(
  'communities',
  {
    id: text('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    name: text('name').notNull(),
    city: text('city').notNull(),
    district: text('district').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [index('communities_city_idx').on(t.city, t.district)],
);

/** A community leader (团长): runs one or more pickup points and the WeChat groups. */
export const leaders = pgTable('leaders', {
  id: text('id').primaryKey(),
  externalId: text('external_id').notNull().unique(),
  name: text('name').notNull(),
  phoneEnc: text('phone_enc'),
  phoneHash: text('phone_hash'),
  communityId: text('community_id')
    .notNull()
    .references(() => communities.id),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const pickupPoints = pgTable(
  'pickup_points',
  {
    id: text('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    leaderId: text('leader_id').references(() => leaders.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('pickup_points_community_idx').on(t.communityId)],
);

export const wechatGroups = pgTable('wechat_groups', {
  id: text('id').primaryKey(),
  wechatGroupId: text('wechat_group_id').notNull().unique(),
  communityId: text('community_id')
    .notNull()
    .references(() => communities.id),
  pickupPointId: text('pickup_point_id').references(() => pickupPoints.id),
  name: text('name').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});
