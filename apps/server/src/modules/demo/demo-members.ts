/** One member's profile and marketing consents. */
import { memberIdOf } from '../members/index.ts';
import type { Persona } from './demo-model.ts';
import { PRE_WINDOW_SHARE, RATE_SHAPE, TIER_SPEC, weeklyRate } from './demo-model.ts';
import { nickname, phoneFor } from './demo-people.ts';
import { CONSENT_CHANNELS, CONSENT_GRANT, DEMOGRAPHICS, ENGAGEMENT } from './demo-personas.ts';
import type { Rng } from './demo-random.ts';
import type { DemoConsent, DemoMember, EpochMs } from './demo-types.ts';
import { DAY, SECOND } from './demo-time.ts';
import type { DemoContext } from './demo-world.ts';

function memberExternalId(index: number): string {
  return `demo-m-${String(index + 1).padStart(6, '0')}`;
}

export function memberId(index: number): string {
  return memberIdOf(memberExternalId(index));
}

/** The persona is the first draw of a member's stream, so the truth file needs nothing else. */
export function drawPersona(ctx: DemoContext, rng: Rng): Persona {
  return ctx.personaTable.sample(rng);
}

/**
 * Registration time rises with the member index (stratified on the index), so "an earlier member"
 * is simply a lower index: referrers are always registered before the members they invite.
 */
function registrationTime(ctx: DemoContext, index: number, rng: Rng): EpochMs {
  const q = (index + rng.next()) / ctx.members;
  const t =
    q < PRE_WINDOW_SHARE
      ? ctx.historyStart + (q / PRE_WINDOW_SHARE) * (ctx.windowStart - ctx.historyStart)
      : ctx.windowStart +
        ((q - PRE_WINDOW_SHARE) / (1 - PRE_WINDOW_SHARE)) * (ctx.windowEnd - ctx.windowStart);
  return Math.min(ctx.windowEnd - SECOND, Math.floor(t / SECOND) * SECOND);
}

function birthday(ctx: DemoContext, persona: Persona, rng: Rng): string {
  const { minAge, maxAge } = DEMOGRAPHICS[persona];
  const year = ctx.now.getUTCFullYear() - rng.int(minAge, maxAge);
  return new Date(Date.UTC(year, 0, 1) + rng.int(0, 364) * DAY).toISOString().slice(0, 10);
}

function gender(persona: Persona, rng: Rng): DemoMember['gender'] {
  const u = rng.next();
  if (u < 0.03) return 'unknown';
  return u < 0.03 + 0.97 * DEMOGRAPHICS[persona].femaleShare ? 'female' : 'male';
}

/**
 * Invitations (the seed's D15 "invite friends" step) come from earlier members, early adopters more
 * often: the referrer's index is skewed towards the start.
 */
function referrer(index: number, persona: Persona, rng: Rng): string | null {
  if (index === 0 || !rng.chance(ENGAGEMENT[persona].referred)) return null;
  const u = rng.next();
  return memberId(Math.floor(index * u * u));
}

export function buildMember(ctx: DemoContext, index: number, rng: Rng): DemoMember {
  const persona = drawPersona(ctx, rng);
  const tier = ctx.tierTable.sample(rng);
  const registeredAt = registrationTime(ctx, index, rng);
  const activeFrom = Math.max(registeredAt, ctx.windowStart);
  const churnedAt = TIER_SPEC[tier].churns
    ? activeFrom + Math.floor((rng.next() * (ctx.windowEnd - activeFrom)) / SECOND) * SECOND
    : null;
  const community = ctx.city.homeTables[persona].sample(rng);
  const points = ctx.city.pointsByCommunity[community]!;
  // most members use their community's main pickup point
  const point = rng.chance(0.7) ? points[0]! : rng.pick(points);
  const externalId = memberExternalId(index);
  return {
    index,
    id: memberIdOf(externalId),
    externalId,
    persona,
    tier,
    phone: phoneFor(ctx.seed, index),
    nickname: nickname(persona, rng),
    gender: gender(persona, rng),
    birthday: birthday(ctx, persona, rng),
    registeredAt,
    communityId: ctx.city.communities[community]!.id,
    pickupPointId: point.id,
    deviceType: ctx.deviceTables[persona].sample(rng),
    referrerId: referrer(index, persona, rng),
    churnedAt,
    weeklyRate: weeklyRate(persona, tier) * rng.gammaMean1(RATE_SHAPE),
  };
}

/** one row per channel, granted at registration; some members change their mind later */
export function buildConsents(ctx: DemoContext, member: DemoMember, rng: Rng): DemoConsent[] {
  const grants = CONSENT_GRANT[member.persona];
  return CONSENT_CHANNELS.map((channel, i) => {
    const granted = rng.chance(grants[i]!);
    if (!rng.chance(0.1)) return { channel, granted, at: member.registeredAt, source: 'registration' };
    const at =
      member.registeredAt +
      Math.floor((rng.next() * (ctx.windowEnd - member.registeredAt)) / SECOND) * SECOND;
    return { channel, granted: !granted, at, source: 'preference_center' };
  });
}
