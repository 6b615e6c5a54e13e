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
import { readReplicasPlugin } from './http/read-replicas.plugin.ts';
import { accessPlugin } from './auth/access.plugin.ts';
import { basemapRoutes } from './basemap/basemap.routes.ts';
import { BasemapService } from './basemap/basemap.service.ts';
import { boundariesRoutes } from './boundaries/boundaries.routes.ts';
import { briefingsRoutes } from './briefings/briefings.routes.ts';
import { crosswalkRoutes } from './crosswalk/crosswalk.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { healthRoutes } from './health/health.routes.ts';
import { hotspotsRoutes } from './hotspots/hotspots.routes.ts';
import { removeDemoRoutes } from './demo/demo.routes.ts';
import { canonicalUrl } from './http/canonical-url.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { documentNumbers, numericKeyword } from './http/numbers.ts';
import { findNulByte, nulByteError } from './http/params.ts';
import { EventLoopWatchdog } from './http/watchdog.ts';
import { AppError } from './errors.ts';
import { exportsRoutes } from './exports/exports.routes.ts';
import { placeRoutes } from './place/place.routes.ts';
import { plansRoutes } from './plans/plans.routes.ts';
import { boundaryImportRoutes } from './imports/boundaries/boundary-import.routes.ts';
import { indicatorImportRoutes } from './imports/indicators/indicator-import.routes.ts';
import { observationsRoutes } from './observations/observations.routes.ts';
import { runtimeRoutes } from './runtime/runtime.routes.ts';
import { settingsRoutes } from './settings/settings.routes.ts';
import { indicatorsRoutes } from './indicators/indicators.routes.ts';
import { createServices, type Services } from './services.ts';
import { searchRoutes } from './search/search.routes.ts';
import { setupRoutes } from './setup/setup.routes.ts';
import { summaryRoutes } from './summary/summary.routes.ts';
import { annualSummaryRoutes } from './summary/annual.routes.ts';
import { downloadsRoutes } from './downloads/downloads.routes.ts';
import { ogcRoutes } from './ogc/ogc.routes.ts';
import { tilesRoutes } from './tiles/tiles.routes.ts';
import { unitsRoutes } from './units/units.routes.ts';
import { usersRoutes } from './users/users.routes.ts';
import { valuesRoutes } from './values/values.routes.ts';
import { viewsRoutes } from './views/views.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    config: Config;
    watchdog: EventLoopWatchdog;
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
  const { config } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    // Every spelling of a path reaches the same route (and so the same access rule): escapes of
    // plain letters decoded, `//`, `/./`, `/../`, `;…` and a trailing `/` resolved; case by the router.
    rewriteUrl: (req) => canonicalUrl(req.url ?? '/'),
    routerOptions: { caseSensitive: false, maxParamLength: 500 },
    // A body trickled byte by byte cannot hold a connection: the whole request must arrive in time.
    requestTimeout: config.REQUEST_TIMEOUT_S * 1000,
    ajv: {
      // Unknown properties are rejected, never silently dropped. Numbers go through `x-numeric`
      // (http/numbers.ts): Ajv's own coercion would take `1e400` as Infinity.
      customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false },
      plugins: [numericKeyword],
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Node checks these timeouts every connectionsCheckingInterval (30 s by default): often enough here.
  app.server.headersTimeout = config.HEADERS_TIMEOUT_S * 1000;
  (app.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = Math.min(
    5000,
    config.HEADERS_TIMEOUT_S * 500,
  );
  app.decorate('config', config);
  const basemap = opts.basemap ?? (await BasemapService.open(config.BASEMAP_PATH));
  app.decorate('services', createServices(opts.database, config, basemap));
  app.addHook('onClose', () => basemap.close());
  app.decorate('watchdog', new EventLoopWatchdog((message, delayMs) => app.log.warn({ delayMs }, message)));
  app.services.refusals.start();
  app.addHook('onClose', async () => {
    await app.services.refusals.stop();
    await app.watchdog.stop();
  });
  installErrorHandler(app);
  // A NUL in any text parameter or JSON body is refused here, before a service or the database sees it.
  app.addHook('preValidation', async (request) => {
    const where = findNulByte(request.params, '') ?? findNulByte(request.query, '') ?? findNulByte(request.body, '');
    if (where) throw nulByteError(where);
  });

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
    errorResponseBuilder: (_req, ctx) => {
      const seconds = Math.ceil(ctx.ttl / 1000);
      return new AppError(
        429,
        'request.rate_limited',
        `Quá nhiều yêu cầu, thử lại sau ${seconds} giây / too many requests, retry in ${seconds} s`,
        { params: { retry_after_s: seconds } },
      );
    },
  });
  await app.register(accessPlugin);
  await app.register(readReplicasPlugin);

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
        { name: 'ogc', description: 'OGC API – Features (QGIS, GDAL); its own OpenAPI document is /ogc/api' },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'atlas_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'personal API token (atlas_…)' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transformObject: (doc) => documentNumbers('openapiObject' in doc ? doc.openapiObject : doc.swaggerObject),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });

  // One plugin per feature folder; each folder is named after its URL prefix.
  for (const routes of [
    healthRoutes,
    setupRoutes,
    runtimeRoutes,
    authRoutes,
    usersRoutes,
    auditRoutes,
    indicatorsRoutes,
    unitsRoutes,
    boundariesRoutes,
    placeRoutes,
    observationsRoutes,
    valuesRoutes,
    hotspotsRoutes,
    summaryRoutes,
    annualSummaryRoutes,
    searchRoutes,
    crosswalkRoutes,
    tilesRoutes,
    basemapRoutes,
    boundaryImportRoutes,
    indicatorImportRoutes,
    removeDemoRoutes,
    plansRoutes,
    viewsRoutes,
    briefingsRoutes,
    settingsRoutes,
    exportsRoutes,
    ogcRoutes,
    downloadsRoutes,
  ]) {
    await app.register(routes);
  }

  const webRoot = resolve(opts.config.WEB_DIST);
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'], wildcard: false });
  }
  return app;
}
