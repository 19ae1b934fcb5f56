/** The shapes of generated demo data. Times are UTC instants in epoch milliseconds. */
import type { DEVICE_TYPES, EventType, GENDERS, ORDER_STATUSES } from '@linli/contracts';
import type { DemoProduct } from './demo-catalog.ts';
import type { Persona, Tier } from './demo-model.ts';
import type { EpochMs } from './demo-time.ts';

export type { DemoProduct, EpochMs, Persona, Tier };

export interface DemoOptions {
  members: number;
  /** length of the order history, ending at `now` */
  months: number;
  seed: number;
  now?: Date;
}

export interface DemoCommunity {
  id: string;
  externalId: string;
  name: string;
  district: string;
  lat: number;
  lng: number;
  createdAt: EpochMs;
}

export interface DemoLeader {
  id: string;
  externalId: string;
  name: string;
  phone: string;
  communityId: string;
  createdAt: EpochMs;
}

export interface DemoPickupPoint {
  id: string;
  externalId: string;
  communityId: string;
  leaderId: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  createdAt: EpochMs;
}

export interface DemoWechatGroup {
  id: string;
  wechatGroupId: string;
  communityId: string;
  pickupPointId: string;
  name: string;
  createdAt: EpochMs;
}

export interface DemoMember {
  /** 0-based position in the population; members register in index order */
  index: number;
  id: string;
  externalId: string;
  persona: Persona;
  tier: Tier;
  /** mainland mobile number, plain: encrypted only when written to the database */
  phone: string;
  nickname: string;
  gender: (typeof GENDERS)[number];
  /** `YYYY-MM-DD` */
  birthday: string;
  registeredAt: EpochMs;
  communityId: string;
  pickupPointId: string;
  deviceType: (typeof DEVICE_TYPES)[number];
  referrerId: string | null;
  /** when a churner stopped ordering; null for members who stay */
  churnedAt: EpochMs | null;
  /** expected orders per week while active (after the member's own noise) */
  weeklyRate: number;
}

export interface DemoConsent {
  channel: string;
  granted: boolean;
  at: EpochMs;
  source: string;
}

export interface DemoOrderItem {
  lineNo: number;
  product: DemoProduct;
  /** in the product's unit; half 斤 allowed */
  quantity: number;
  amountFen: number;
}

export interface DemoRefund {
  id: string;
  externalId: string;
  kind: 'refund' | 'return';
  amountFen: number;
  reason: string;
  at: EpochMs;
}

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface DemoOrder {
  id: string;
  externalId: string;
  status: OrderStatus;
  itemsFen: number;
  discountFen: number;
  paidFen: number;
  /** always the sum of `refunds` */
  refundedFen: number;
  placedAt: EpochMs;
  pickedUpAt: EpochMs | null;
  cancelledAt: EpochMs | null;
  /** Shanghai calendar day of collection, `YYYY-MM-DD`; null when cancelled */
  pickupDate: string | null;
  /** the last change: payment, pickup, cancellation or refund */
  updatedAt: EpochMs;
  items: DemoOrderItem[];
  refunds: DemoRefund[];
}

export type DemoEventType = EventType;

export interface DemoEvent {
  id: string;
  externalId: string;
  type: DemoEventType;
  occurredAt: EpochMs;
  productId: string | null;
  contentId: string | null;
  orderId: string | null;
  dwellMs: number | null;
  rating: number | null;
  text: string | null;
  /** shared, frozen objects where possible so a writer can serialise each one once */
  properties: Readonly<Record<string, string | number>>;
}

export interface DemoMemberBundle {
  member: DemoMember;
  consents: DemoConsent[];
  orders: DemoOrder[];
  events: DemoEvent[];
  /** the content-lab tests the member was shown (demo-lab.ts) */
  exposures: Array<{ experimentId: string; arm: string; firstAt: EpochMs }>;
}

export interface TruthRow {
  memberId: string;
  persona: Persona;
}
