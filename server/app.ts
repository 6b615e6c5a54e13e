import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { healthRoutes } from './health/health.routes.ts';
import { hotspotsRoutes } from './hotspots/hotspots.routes.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { indicatorsRoutes } from './indicators/indicators.routes.ts';
import { createServices, type Services } from './services.ts';
import { summaryRoutes } from './summary/summary.routes.ts';
import { unitsRoutes } from './units/units.routes.ts';
import { valuesRoutes } from './values/values.routes.ts';

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
}

/**
 * Builds the whole HTTP application over an open database. `server.ts` only starts it; tests call
 * it and use `inject`.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.config.BODY_LIMIT,
    trustProxy: false,
    ajv: {
      // Unknown properties are rejected, never silently dropped; query numbers are coerced.
      customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', opts.config);
  app.decorate('services', createServices(opts.database));
  installErrorHandler(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'ANTT Atlas API',
        description: 'Bản đồ chỉ tiêu an ninh trật tự / ward-level security indicators',
        version: '0.1.0',
      },
      tags: [
        { name: 'system', description: 'Hệ thống' },
        { name: 'data', description: 'Số liệu và ranh giới' },
      ],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes);
  await app.register(indicatorsRoutes);
  await app.register(unitsRoutes);
  await app.register(valuesRoutes);
  await app.register(hotspotsRoutes);
  await app.register(summaryRoutes);

  const webRoot = resolve(opts.config.WEB_DIST);
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'], wildcard: false });
  }
  return app;
}
