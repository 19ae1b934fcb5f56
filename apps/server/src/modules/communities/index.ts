export {
  upsertCommunities,
  upsertPickupPoints,
  communityIdOf,
  pickupPointIdOf,
  leaderIdOf,
  wechatGroupIdOf,
} from './communities.service.ts';
export { communities, pickupPoints, leaders, wechatGroups } from './communities.schema.ts';
export { listCommunities, type CommunityView } from './communities.service.ts';
export { pickupPointPlacesFragment, placesWithLeadersFragment } from './places.repo.ts';
