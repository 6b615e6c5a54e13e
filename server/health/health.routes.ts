import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { REFUSAL_KINDS } from '../audit/refusals.ts';
import { ADMINS } from '../auth/roles.ts';
import { HealthResponse } from './health.schemas.ts';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Tình trạng hệ thống / health', response: { 200: HealthResponse } },
    },
    async () => {
      const s = app.services;
      return {
        status: 'ok' as const,
        database: s.database.backend,
        postgis: await s.repos.health.postgisVersion(),
        demo: await s.isDemo(),
      };
    },
  );
};

const Ms = Type.Number({ description: 'milliseconds' });

/** What an administrator watching the server sees: its memory, event-loop delay and refusals since start. */
export const RuntimeResponse = Type.Object({
  uptime_s: Type.Number(),
  rss_bytes: Type.Integer(),
  heap_used_bytes: Type.Integer(),
  event_loop: Type.Object({ p50_ms: Ms, p99_ms: Ms, max_ms: Ms, mean_ms: Ms }),
  refusals: Type.Object(Object.fromEntries(REFUSAL_KINDS.map((k) => [k, Type.Integer()]))),
});

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
        uptime_s: Math.round(process.uptime()),
        rss_bytes: m.rss,
        heap_used_bytes: m.heapUsed,
        event_loop: app.watchdog.stats(),
        refusals: app.services.refusals.totals(),
      };
    },
  );
};
