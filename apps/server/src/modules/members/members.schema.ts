import { boolean, date, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant } from '../../platform/db/columns.ts';

export const members = pgTable(
  'members',
  {
    /** derived from the client's id (`derivedId('mbr', externalId)`), so references resolve without a lookup */
    id: text('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    /** AES-256-GCM ciphertext; never selected into a response unmasked */
    phoneEnc: text('phone_enc'),
    /** HMAC-SHA256 blind index of the normalised number, for exact lookup */
    phoneHash: text('phone_hash').unique(),
    phoneMasked: text('phone_masked'),
    nickname: text('nickname'),
    gender: text('gender'), // male | female | unknown
    birthday: date('birthday', { mode: 'string' }),
    registeredAt: instant('registered_at'),
    communityId: text('community_id'),
    pickupPointId: text('pickup_point_id'),
    deviceType: text('device_type'), // ios | android | harmonyos | mini_program | h5 | other
    referrerId: text('referrer_id'),
    /** created because an order or event named this member before the member record arrived */
    isStub: boolean('is_stub').notNull().default(false),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('members_community_idx').on(t.communityId),
    index('members_registered_idx').on(t.registeredAt),
    index('members_referrer_idx').on(t.referrerId),
    // the member list pages newest first with a (created_at, id) cursor
    index('members_created_idx').on(t.createdAt, t.id),
  ],
);

/** Current marketing consent per channel; every change is also in the audit log. */
export const memberConsents = pgTable(
  'member_consents',
  {
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(), // sms | wechat | wecom | in_app | webhook | email
    granted: boolean('granted').notNull(),
    at: instant('at').notNull(),
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.channel] })],
);
