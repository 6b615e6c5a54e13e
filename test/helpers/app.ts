import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';

/** The real app over a test database, driven with `inject`. */
export async function testApp(database: Database): Promise<FastifyInstance> {
  const config = loadConfig({ WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database });
  await app.ready();
  return app;
}
