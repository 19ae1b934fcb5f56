export {
  upsertCommunities,
  upsertPickupPoints,
  communityIdOf,
  pickupPointIdOf,
  leaderIdOf,
} from './communities.service.ts';
export { communities, pickupPoints, leaders, wechatGroups } from './communities.schema.ts';
