/**
 * Shapes of the read APIs the console uses, shared by the server (which returns them) and the web
 * app (which draws them). Types only, plus plain constants: importing this pulls no code into the
 * browser bundle.
 */

export const ROLES = [
  'admin',
  'operator',
  'analyst',
  'reviewer',
  'legal',
  'customer_service',
  'supply_chain',
  'leader',
  /** the executive who owns level-3 public-opinion incidents (seed 6.2: the CEO) */
  'executive',
] as const;
export type Role = (typeof ROLES)[number];

export const AREAS = [
  'overview',
  'members',
  'communities',
  'products',
  'forecasting',
  'experiments',
  'compliance',
  'opinion',
  'imports',
  'admin',
] as const;
/** A part of the console; the server tells each operator which ones they may open. */
export type Area = (typeof AREAS)[number];

export interface Kpis {
  members: number;
  newMembers: number;
  active7d: number;
  active30d: number;
  orders: number;
  buyers: number;
  gmvFen: number;
  aovFen: number | null;
  repurchaseRate: number | null;
  refundRate: number | null;
  refundedFen: number;
}

export interface DayRange {
  /** first day, Asia/Shanghai calendar, YYYY-MM-DD */
  from: string;
  /** last day, inclusive */
  to: string;
}

export interface TrendBucket {
  bucket: string;
  orders: number;
  gmvFen: number;
  buyers: number;
  newMembers: number;
  active: number;
}

export interface CommunityKpis {
  communityId: string;
  name: string;
  district: string;
  members: number;
  activeMembers: number;
  /** members active in the 30 days up to the range's last day, over members */
  activeRate: number | null;
  orders: number;
  gmvFen: number;
}

export interface CategorySales {
  code: string;
  nameZh: string;
  nameEn: string;
  amountFen: number;
  quantity: number;
  share: number | null;
}

export interface OverviewResponse {
  range: DayRange;
  previousRange: DayRange;
  grain: 'day' | 'week';
  communityId: string | null;
  /** when the rollups behind the figures were last refreshed (null: never) */
  asOf: string | null;
  kpis: Kpis;
  previous: Kpis;
  changes: Record<keyof Kpis, number | null>;
  trend: TrendBucket[];
  byCommunity: CommunityKpis[];
  byCategory: CategorySales[];
}

export interface PickupPointView {
  id: string;
  name: string;
  address: string;
  lat: number | null;
  lng: number | null;
  leader: string | null;
}

export interface CommunityView {
  id: string;
  externalId: string;
  name: string;
  city: string;
  district: string;
  pickupPoints: PickupPointView[];
  wechatGroupIds: string[];
}

/** A member as lists and the 360° page show them; the phone is always the mask. `T`: how instants travel. */
export interface MemberView<T = string> {
  id: string;
  externalId: string;
  phone: string | null;
  nickname: string | null;
  gender: string | null;
  birthday: string | null;
  registeredAt: T | null;
  communityId: string | null;
  pickupPointId: string | null;
  deviceType: string | null;
  referrerId: string | null;
  isStub: boolean;
  createdAt: T;
}
