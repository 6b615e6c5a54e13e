import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { auditRoutes } from './audit/audit.routes.ts';
import { accessPlugin } from './auth/access.plugin.ts';
import { basemapRoutes } from './basemap/basemap.routes.ts';
import { BasemapService } from './basemap/basemap.service.ts';
import { boundariesRoutes } from './boundaries/boundaries.routes.ts';
import { briefingsRoutes } from './briefings/briefings.routes.ts';
import { exportSettingsRoutes } from './briefings/export-settings.routes.ts';
import { crosswalkRoutes } from './boundaries/crosswalk.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { healthRoutes } from './health/health.routes.ts';
import { hotspotsRoutes } from './hotspots/hotspots.routes.ts';
import { hotspotsWriteRoutes } from './hotspots/hotspots.write.routes.ts';
import { editsRoutes } from './edits/edits.routes.ts';
import { removeDemoRoutes } from './edits/remove-demo.routes.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { plansRoutes } from './plans/plans.routes.ts';
import { importsRoutes } from './imports/imports.routes.ts';
import { indicatorsRoutes } from './indicators/indicators.routes.ts';
import { createServices, type Services } from './services.ts';
import { searchRoutes } from './search/search.routes.ts';
import { summaryRoutes } from './summary/summary.routes.ts';
import { annualSummaryRoutes } from './summary/annual.routes.ts';
import { tilesRoutes } from './tiles/tiles.routes.ts';
import { unitsRoutes } from './units/units.routes.ts';
import { usersRoutes } from './users/users.routes.ts';
import { valuesRoutes } from './values/values.routes.ts';
import { viewsRoutes } from './views/views.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    config: Config;
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Basemap archives already opened (the server opens them before the database); else opened here. */
  basemap?: BasemapService;
}

/**
 * Builds the whole HTTP application over an open database. `server.ts` only starts it; tests call
 * it and use `inject`.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.config.BODY_LIMIT,
    trustProxy: opts.config.TRUST_PROXY,
    ajv: {
      // Unknown properties are rejected, never silently dropped; query numbers are coerced.
      customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', opts.config);
  const basemap = opts.basemap ?? (await BasemapService.open(opts.config.BASEMAP_PATH));
  app.decorate('services', createServices(opts.database, opts.config, basemap));
  app.addHook('onClose', () => basemap.close());
  installErrorHandler(app);

  // No external origin anywhere: the portal runs on air-gapped police networks.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Quá nhiều yêu cầu, thử lại sau ${Math.ceil(ctx.ttl / 1000)} giây / too many requests, retry in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
  await app.register(accessPlugin);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'ANTT Atlas API',
        description: 'Bản đồ chỉ tiêu an ninh trật tự / ward-level security indicators',
        version: '0.1.0',
      },
      tags: [
        { name: 'system', description: 'Hệ thống' },
        { name: 'auth', description: 'Đăng nhập, phiên, mã truy cập' },
        { name: 'data', description: 'Số liệu và ranh giới' },
        { name: 'admin', description: 'Quản trị' },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'atlas_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'personal API token (atlas_…)' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(auditRoutes);
  await app.register(indicatorsRoutes);
  await app.register(unitsRoutes);
  await app.register(valuesRoutes);
  await app.register(hotspotsRoutes);
  await app.register(summaryRoutes);
  await app.register(searchRoutes);
  await app.register(boundariesRoutes);
  await app.register(crosswalkRoutes);
  await app.register(tilesRoutes);
  await app.register(basemapRoutes);
  await app.register(importsRoutes);
  await app.register(hotspotsWriteRoutes);
  await app.register(editsRoutes);
  await app.register(removeDemoRoutes);
  await app.register(plansRoutes);
  await app.register(annualSummaryRoutes);
  await app.register(viewsRoutes);
  await app.register(briefingsRoutes);
  await app.register(exportSettingsRoutes);

  const webRoot = resolve(opts.config.WEB_DIST);
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'], wildcard: false });
  }
  return app;
}
