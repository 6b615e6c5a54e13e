import type { FastifyRequest } from 'fastify';

/**
 * A per-minute rate limit counted per signed-in user (per client address before sign-in), for
 * routes that read in bulk (OGC API, downloads): police stations often share one address behind
 * NAT, so counting by address would let one officer's QGIS starve a colleague. Route hooks run
 * after the access plugin's, so the actor is known when the key is taken.
 */
export function userRateLimit(max: number) {
  return {
    max,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) =>
      request.ctx?.actor ? `user:${request.ctx.actor.id}` : `ip:${request.ip}`,
  };
}
