import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { formatLsn, parseLsn, readRoute } from '../db/replicas.ts';

/** The newest commit a client has seen (set after each of its writes; read-your-writes). */
export const LSN_COOKIE = 'atlas_lsn';

/**
 * With read replicas (DATABASE_REPLICA_URLS): a GET or HEAD runs its handler as a read, so its
 * queries may go to a replica that has replayed the client's last write; sessions were resolved
 * before (on the primary), and a transaction inside still runs on the primary. After a successful
 * write the client gets the primary's WAL position in a cookie, which every process honours —
 * stateless, so it holds behind a load balancer. (API tokens send no cookie: a script reading
 * right after its own write may see a replica up to the lag bound behind.)
 */
const plugin: FastifyPluginAsync = async (app) => {
  const pools = app.services.database.replicas;
  if (!pools) return;

  app.addHook('preHandler', (request, _reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return done();
    readRoute.run({ replica: true, minLsn: parseLsn(request.cookies[LSN_COOKIE]) }, done);
  });

  app.addHook('onSend', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    if (reply.statusCode >= 400) return;
    const lsn = await pools.currentLsn().catch(() => null);
    if (lsn === null) return;
    reply.setCookie(LSN_COOKIE, formatLsn(lsn), {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      // Longer than any replica may lag before it is skipped: afterwards every replica has it.
      maxAge: Math.ceil(app.config.REPLICA_MAX_LAG_MS / 1000) + 5,
    });
  });
};

export const readReplicasPlugin = fp(plugin, { name: 'read-replicas' });
