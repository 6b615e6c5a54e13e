import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ADMINS } from '../auth/roles.ts';
import { RuntimeResponse } from './runtime.schemas.ts';

/** The server process itself (`/api/admin/runtime`): what the watchdog and the refusal counter saw. */
export const runtimeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/runtime',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Tình trạng tiến trình máy chủ / server process: memory, event-loop delay, refusals counted',
        response: { 200: RuntimeResponse },
      },
    },
    async () => {
      const m = process.memoryUsage();
      return {
        pid: process.pid,
        events: app.services.events.state,
        queries: {
          primary: app.services.database.replicas?.primaryQueries ?? 0,
          replicas: app.services.database.replicas?.status().map((r) => r.queries) ?? [],
        },
        uptime_s: Math.round(process.uptime()),
        rss_bytes: m.rss,
        heap_used_bytes: m.heapUsed,
        event_loop: app.watchdog.stats(),
        refusals: app.services.refusals.totals(),
      };
    },
  );
};
