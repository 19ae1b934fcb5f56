/** Names, nicknames and phone numbers of demo people. */
import type { Persona } from './demo-model.ts';
import { CHILD_NAMES, ELDER_TITLES, GIVEN_NAMES, NICKNAMES, SURNAMES } from './demo-names.ts';
import { hashInts, type Rng } from './demo-random.ts';

/** Mobile number segments of the three carriers (移动, 联通, 电信), all matching 1[3-9]x. */
const SEGMENTS = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '178',
  '182',
  '183',
  '187',
  '188',
  '198',
  '130',
  '131',
  '132',
  '155',
  '156',
  '166',
  '175',
  '176',
  '185',
  '186',
  '133',
  '153',
  '173',
  '177',
  '180',
  '181',
  '189',
  '191',
  '199',
];

const HALF = 10_000;

/** A 4-round Feistel network over [0, 10^8): a keyed bijection, so distinct inputs never collide. */
function permute8(x: number, key: number): number {
  let left = Math.floor(x / HALF);
  let right = x % HALF;
  for (let round = 0; round < 4; round++) {
    const next = (left + (hashInts(key, round, right) % HALF)) % HALF;
    left = right;
    right = next;
  }
  return left * HALF + right;
}

/**
 * The k-th person's number. Unique per k (members.phone_hash is unique) without remembering the numbers
 * already handed out: the eight digits are a seeded permutation of k, so no two people share them
 * whatever their segment, and neighbours in k look unrelated (not even their last four digits, the
 * part a masked number shows, repeat).
 */
export function phoneFor(seed: number, k: number): string {
  const segment = SEGMENTS[hashInts(seed, k, 0x5e9) % SEGMENTS.length]!;
  const tail = permute8(k % 100_000_000, seed);
  return segment + String(tail).padStart(8, '0');
}

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

/** WeChat nicknames the way each persona writes them: 王阿姨, 奶茶续命233, 朵朵妈 */
export function nickname(persona: Persona, rng: Rng): string {
  const u = rng.next();
  if (persona === 'silver' && u < 0.4) return rng.pick(SURNAMES) + rng.pick(ELDER_TITLES);
  if (persona === 'new_middle' && u < 0.25)
    return `${rng.pick(CHILD_NAMES)}${rng.chance(0.7) ? '妈' : '爸爸'}`;
  const base = rng.pick(NICKNAMES[persona]);
  return persona === 'genz' && u > 0.6 ? `${base}${rng.int(1, 999)}` : base;
}
