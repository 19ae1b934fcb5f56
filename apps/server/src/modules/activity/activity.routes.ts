import { eventInput } from '@linli/contracts';
import { z } from 'zod';
import { readersOf } from '../../platform/access.ts';
import type { App } from '../../platform/context.ts';
import { ctxFor } from '../../platform/http/auth-hooks.ts';
import { ingestRoute } from '../../platform/http/ingest-route.ts';
import type { ZodServer } from '../../platform/http/server.ts';
import { pageQuery } from '../../platform/pagination.ts';
import { ingestEvents, listEvents } from './activity.service.ts';

export function activityRoutes(s: ZodServer, app: App): void {
  ingestRoute(s, app, 'events', eventInput, ingestEvents);
  s.get(
    '/api/v1/events',
    {
      schema: {
        tags: ['activity'],
        querystring: pageQuery.extend({ memberId: z.string(), type: z.string().optional() }),
      },
    },
    async (req) => listEvents(ctxFor(app, req, readersOf('members')), req.query),
  );
}
