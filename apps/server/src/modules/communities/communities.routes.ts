import { rolesFor } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import { ingestRoute } from '../../platform/http/ingest-route.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import {
  communityInput,
  listCommunities,
  pickupPointInput,
  upsertCommunities,
  upsertPickupPoints,
} from './communities.service.ts';

export function communitiesRoutes(s: ZodServer, app: App): void {
  ingestRoute(s, app, 'communities', communityInput, upsertCommunities);
  ingestRoute(s, app, 'pickup-points', pickupPointInput, upsertPickupPoints);
  s.get('/api/v1/communities', { schema: { tags: ['communities'] } }, async (req) => ({
    items: await listCommunities(ctxFor(app, req, { roles: rolesFor('communities'), scopes: ['read'] })),
  }));
}
