/**
 * The three-level response system (seed 6.2) as data: which clock runs at each level, how long it
 * is, and whose it is.
 */
import type { OpinionLevel, OpinionSettings, SlaClock } from '@linli/contracts/opinion';

export const CLOCK_OF_LEVEL: Record<1 | 2 | 3, SlaClock> = {
  1: 'acknowledge',
  2: 'resolve',
  3: 'close',
};

export const LEVEL_OF_CLOCK: Record<SlaClock, 1 | 2 | 3> = { acknowledge: 1, resolve: 2, close: 3 };

export function clockMinutes(
  s: Pick<OpinionSettings, 'ackMinutes' | 'resolveMinutes' | 'closeMinutes'>,
  c: SlaClock,
) {
  return c === 'acknowledge' ? s.ackMinutes : c === 'resolve' ? s.resolveMinutes : s.closeMinutes;
}

/**
 * Who answers at a level: a level-1 alert goes to the pickup point's leader when it has one (else
 * operations), level 2 to customer service, level 3 to the executive.
 */
export type OwnerRole = 'leader' | 'operator' | 'customer_service' | 'executive';

export function ownerRoleFor(level: OpinionLevel, hasLeader: boolean): OwnerRole {
  if (level >= 3) return 'executive';
  if (level === 2) return 'customer_service';
  return hasLeader ? 'leader' : 'operator';
}

export const asLevel = (n: number): OpinionLevel => Math.max(0, Math.min(3, Math.trunc(n))) as OpinionLevel;
