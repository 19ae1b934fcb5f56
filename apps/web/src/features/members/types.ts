import type { MemberView } from '@linli/contracts/console';

export type Member = MemberView;

export interface MemberDetail extends Member {
  consents: Array<{ channel: string; granted: boolean; at: string; source: string }>;
}

export interface Order {
  id: string;
  externalId: string;
  status: string;
  itemsFen: number;
  discountFen: number;
  paidFen: number;
  refundedFen: number;
  placedAt: string;
  items: Array<{
    sku: string;
    name: string | null;
    quantity: string | number;
    unitPriceFen: number;
    amountFen: number;
  }>;
}

export interface BehaviourEvent {
  id: string;
  type: string;
  occurredAt: string;
  productId: string | null;
  contentId: string | null;
  dwellMs: number | null;
  rating: number | null;
  text: string | null;
}
