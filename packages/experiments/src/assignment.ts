/**
 * Deterministic assignment: the same (experiment key, salt, member id) always gives the same
 * bucket, on any device, after any restart, in any process — no assignment table is needed to be
 * sticky (exposures are still logged once per member and arm by the server).
 *
 * Hash: 32-bit FNV-1a (Fowler–Noll–Vo; offset basis 2166136261, prime 16777619) over the UTF-8
 * bytes of `key 0x00 salt 0x00 memberId`, followed by MurmurHash3's fmix32 finaliser, because
 * FNV-1a alone mixes its last bytes poorly and sequential ids ("m1001", "m1002") would land in
 * neighbouring buckets. bucket = hash mod 10,000. FNV-1a is streaming, so the state after
 * `key 0x00 salt 0x00` is computed once per experiment and each assignment hashes only the
 * member id: ≥ 1M assignments per second in process (see bench.ts).
 */

export const BUCKETS = 10_000;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continues an FNV-1a state over the UTF-8 encoding of `s` (lone surrogates as U+FFFD, like TextEncoder). */
function fnvUpdate(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, FNV_PRIME);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else c = 0xfffd;
    }
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), FNV_PRIME);
    } else if (c < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
    } else {
      h = Math.imul(h ^ (0xf0 | (c >> 18)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 12) & 0x3f)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
    }
    h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
  }
  return h;
}

/** 32-bit FNV-1a of the UTF-8 bytes of `s`, as an unsigned integer. */
export function fnv1a32(s: string): number {
  return fnvUpdate(FNV_OFFSET, s) >>> 0;
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit (avalanche). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const prefixState = (key: string, salt: string) =>
  Math.imul(fnvUpdate(Math.imul(fnvUpdate(FNV_OFFSET, key), FNV_PRIME), salt), FNV_PRIME);

/** A bucket function for one (key, salt): the prefix hashed once, each call hashes the member id. */
export function bucketer(key: string, salt = ''): (memberId: string) => number {
  const state = prefixState(key, salt);
  return (memberId) => fmix32(fnvUpdate(state, memberId)) % BUCKETS;
}

/** bucket(key, salt, memberId) ∈ [0, 10,000). */
export function bucketOf(key: string, salt: string, memberId: string): number {
  return bucketer(key, salt)(memberId);
}

export interface AssignmentConfig {
  /** experiment key (the hash's first part: two experiments never share a split) */
  key: string;
  /** changing the salt re-randomises everyone (e.g. a restarted test); default '' */
  salt?: string;
  arms: ReadonlyArray<{ name: string; weight: number }>;
  /** share of eligible members in the experiment, 0 … 1 (default 1) */
  traffic?: number;
  /** mutually exclusive layer: the experiment owns buckets [from, to) of the layer's own hash */
  layer?: { key: string; salt?: string; from: number; to: number };
  /** global holdout: members whose holdout bucket is < share × 10,000 see no experiment */
  holdout?: { salt: string; share: number };
}

export type AssignmentReason = 'assigned' | 'holdout' | 'layer' | 'traffic';

export interface Assigner {
  /** the member's arm, or null when not in the experiment */
  assign(memberId: string): string | null;
  explain(memberId: string): { arm: string | null; bucket: number; reason: AssignmentReason };
}

/**
 * Arm i owns buckets [start_i, start_i + traffic · 10,000 · w_i) with start_i = 10,000 · Σ_{j<i} w_j
 * (weights normalised). Raising traffic only widens each arm's range from its fixed start, so every
 * member already in an arm stays in it; lowering it drops members rather than moving them. Changing
 * the weights moves members: do that with a new salt.
 */
export function createAssigner(cfg: AssignmentConfig): Assigner {
  const traffic = cfg.traffic ?? 1;
  if (!(traffic >= 0 && traffic <= 1)) throw new RangeError(`traffic must be in [0, 1], got ${traffic}`);
  if (!cfg.arms.length) throw new RangeError('an experiment needs at least one arm');
  const total = cfg.arms.reduce((s, a) => s + a.weight, 0);
  if (cfg.arms.some((a) => !(a.weight > 0)) || !Number.isFinite(total))
    throw new RangeError('arm weights must be positive');
  const starts: number[] = [];
  const ends: number[] = [];
  let cum = 0;
  for (const a of cfg.arms) {
    const w = (BUCKETS * a.weight) / total;
    starts.push(cum);
    ends.push(cum + traffic * w);
    cum += w;
  }
  const names = cfg.arms.map((a) => a.name);
  const k = names.length;
  const main = bucketer(cfg.key, cfg.salt ?? '');
  const layer = cfg.layer ? bucketer(cfg.layer.key, cfg.layer.salt ?? '') : null;
  const layerFrom = cfg.layer?.from ?? 0;
  const layerTo = cfg.layer?.to ?? BUCKETS;
  const holdout = cfg.holdout ? bucketer('\u0000holdout', cfg.holdout.salt) : null;
  const holdoutEnd = (cfg.holdout?.share ?? 0) * BUCKETS;

  /** the arm whose range holds the bucket, or −1: binary search for the last start ≤ bucket */
  function armAt(bucket: number): number {
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= bucket) lo = mid;
      else hi = mid - 1;
    }
    return bucket < ends[lo]! ? lo : -1;
  }

  function explain(memberId: string): { arm: string | null; bucket: number; reason: AssignmentReason } {
    const bucket = main(memberId);
    if (holdout && holdout(memberId) < holdoutEnd) return { arm: null, bucket, reason: 'holdout' };
    if (layer) {
      const b = layer(memberId);
      if (b < layerFrom || b >= layerTo) return { arm: null, bucket, reason: 'layer' };
    }
    const i = armAt(bucket);
    if (i >= 0) return { arm: names[i]!, bucket, reason: 'assigned' };
    return { arm: null, bucket, reason: 'traffic' };
  }

  return {
    assign(memberId) {
      if (holdout && holdout(memberId) < holdoutEnd) return null;
      if (layer) {
        const b = layer(memberId);
        if (b < layerFrom || b >= layerTo) return null;
      }
      const i = armAt(main(memberId));
      return i >= 0 ? names[i]! : null;
    },
    explain,
  };
}
