import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';

/** The real app over a test database, driven with `inject`. */
export async function testApp(database: Database, env: Record<string, string> = {}): Promise<FastifyInstance> {
  // Tests sign in and download many times as one user: these rate limits have their own tests.
  const config = loadConfig({
    WEB_DIST: '/nonexistent',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '10000',
    DOWNLOAD_RATE_LIMIT: '10000',
    ...env,
  });
  const app = await buildApp({ config, database });
  await app.ready();
  return app;
}
