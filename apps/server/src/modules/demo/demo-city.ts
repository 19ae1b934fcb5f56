/**
 * The demo city: communities (小区) across Hangzhou's districts, each with one or more pickup points run
 * by leaders (团长), and the WeChat groups the leaders keep for their pickup points.
 */
import { communityIdOf, leaderIdOf, pickupPointIdOf, wechatGroupIdOf } from '../communities/index.ts';
import type { Persona } from './demo-model.ts';
import { PERSONAS } from './demo-model.ts';
import {
  COMMUNITY_PHASES,
  COMMUNITY_PREFIXES,
  COMMUNITY_SUFFIXES,
  DISTRICTS,
  GATES,
  PICKUP_KINDS,
  CITY,
} from './demo-names.ts';
import { personName, phoneFor } from './demo-people.ts';
import { DISTRICT_AFFINITY } from './demo-personas.ts';
import { Rng, WeightedTable } from './demo-random.ts';
import type { DemoCommunity, DemoLeader, DemoPickupPoint, DemoWechatGroup, EpochMs } from './demo-types.ts';
import { DAY } from './demo-time.ts';

/** one community per ~150 members: a leader's group of a few hundred households, about half active */
const MEMBERS_PER_COMMUNITY = 150;

export interface DemoCity {
  communities: DemoCommunity[];
  leaders: DemoLeader[];
  pickupPoints: DemoPickupPoint[];
  wechatGroups: DemoWechatGroup[];
  /** pickup points of each community, by community index, most frequented first */
  pointsByCommunity: DemoPickupPoint[][];
  /** which community a member of each persona lives in: district affinity × community size */
  homeTables: Record<Persona, WeightedTable<number>>;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function communityName(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const name = rng.pick(COMMUNITY_PREFIXES) + rng.pick(COMMUNITY_SUFFIXES) + rng.pick(COMMUNITY_PHASES);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
    if (taken.size > 2000) {
      const numbered = `${name}${taken.size}号院`;
      taken.add(numbered);
      return numbered;
    }
  }
}

/** ~0.01° is about 1 km in Hangzhou */
const jitter = (rng: Rng, degrees: number) => rng.normal() * degrees;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** `openedBy`: every community is served from before this instant (the first registrations) */
export function buildCity(opts: { members: number; seed: number; openedBy: EpochMs }): DemoCity {
  const rng = new Rng(opts.seed, -1);
  const districtTable = new WeightedTable(
    DISTRICTS,
    DISTRICTS.map((d) => d.weight),
  );
  const count = Math.max(4, Math.round(opts.members / MEMBERS_PER_COMMUNITY));
  const names = new Set<string>();
  const city: DemoCity = {
    communities: [],
    leaders: [],
    pickupPoints: [],
    wechatGroups: [],
    pointsByCommunity: [],
    homeTables: {} as DemoCity['homeTables'],
  };
  const sizes: number[] = [];

  for (let c = 0; c < count; c++) {
    const district = districtTable.sample(rng);
    const name = communityName(rng, names);
    const externalId = `demo-com-${pad(c + 1, 5)}`;
    const createdAt = opts.openedBy - rng.int(1, 365) * DAY;
    const community: DemoCommunity = {
      id: communityIdOf(externalId),
      externalId,
      name,
      district: district.name,
      lat: round6(district.lat + jitter(rng, 0.025)),
      lng: round6(district.lng + jitter(rng, 0.03)),
      createdAt,
    };
    city.communities.push(community);
    sizes.push(rng.spread(0.6));

    // one or two leaders per community; bigger communities get more pickup points
    const leaders: DemoLeader[] = [];
    const leaderCount = rng.chance(0.3) ? 2 : 1;
    for (let l = 0; l < leaderCount; l++) {
      const index = city.leaders.length;
      const leaderExternalId = `demo-ldr-${pad(index + 1, 5)}`;
      const leader: DemoLeader = {
        id: leaderIdOf(leaderExternalId),
        externalId: leaderExternalId,
        name: personName(rng),
        // leaders draw from the top of the number space so they never take a member's number
        phone: phoneFor(opts.seed, 380_000_000 + index),
        communityId: community.id,
        createdAt,
      };
      leaders.push(leader);
      city.leaders.push(leader);
    }
    const points: DemoPickupPoint[] = [];
    const pointCount = Math.min(3, 1 + rng.poisson(0.6));
    for (let p = 0; p < pointCount; p++) {
      const pointExternalId = `demo-pkp-${pad(city.pickupPoints.length + 1, 5)}`;
      const gate = GATES[p % GATES.length]!;
      const point: DemoPickupPoint = {
        id: pickupPointIdOf(pointExternalId),
        externalId: pointExternalId,
        communityId: community.id,
        leaderId: leaders[p % leaders.length]!.id,
        name: `${name}${gate}${rng.pick(PICKUP_KINDS)}`,
        address: `${CITY}${community.district}${rng.pick(district.streets)}${rng.int(1, 899)}号${name}${gate}`,
        lat: round6(community.lat + jitter(rng, 0.0015)),
        lng: round6(community.lng + jitter(rng, 0.0015)),
        createdAt,
      };
      points.push(point);
      city.pickupPoints.push(point);
      const groups = rng.chance(0.3) ? 2 : 1;
      for (let g = 0; g < groups; g++) {
        const wechatGroupId = `demo-g-${pad(city.wechatGroups.length + 1, 6)}@chatroom`;
        city.wechatGroups.push({
          id: wechatGroupIdOf(wechatGroupId),
          wechatGroupId,
          communityId: community.id,
          pickupPointId: point.id,
          name: `${name}邻里团购${g + 1}群`,
          createdAt,
        });
      }
    }
    city.pointsByCommunity.push(points);
  }

  for (const persona of PERSONAS) {
    const affinity = DISTRICT_AFFINITY[persona];
    city.homeTables[persona] = new WeightedTable(
      city.communities.map((_, i) => i),
      city.communities.map((c, i) => sizes[i]! * (affinity[c.district] ?? 1)),
    );
  }
  return city;
}
