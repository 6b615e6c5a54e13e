import type { FastifyRequest } from 'fastify';

const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/**
 * The origin this request reached (`http://10.0.0.5:3000`), for absolute same-origin links that GIS
 * clients follow (OGC links, TileJSON tile URLs). Behind a reverse proxy with TRUST_PROXY the
 * forwarded protocol and host count. A Host header that is no host name is not echoed.
 */
export function originOf(request: Pick<FastifyRequest, 'protocol' | 'host'>): string {
  const host = HOST.test(request.host) ? request.host : 'localhost';
  return `${request.protocol}://${host}`;
}
