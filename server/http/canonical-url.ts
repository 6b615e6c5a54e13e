/**
 * The one spelling of a request path the router sees (Fastify's `rewriteUrl`), so that every
 * spelling of a path reaches the same route with the same access rule and the same answer:
 *
 * - percent-encoded unreserved characters are decoded (`/%61pi` → `/api`; RFC 3986 §6.2.2.2), the
 *   other escapes are kept (a `%2F` stays data, never a separator);
 * - `;…` path parameters are dropped from each segment (`/api/health;x` → `/api/health`);
 * - empty segments go (`//`, a trailing `/`) and dot segments are resolved (`/./`, `/%2e%2e/`);
 * - the query string is kept as it was sent.
 *
 * Letter case is left to the router (`caseSensitive: false`), which keeps parameter values as sent.
 */
const ESCAPE = /%([0-9A-Fa-f]{2})/g;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

export function canonicalUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q);
  const out: string[] = [];
  for (const raw of path.split('/')) {
    const segment = decodeUnreserved(raw.split(';', 1)[0]!);
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}${query}`;
}

function decodeUnreserved(segment: string): string {
  if (!segment.includes('%')) return segment;
  return segment.replace(ESCAPE, (escape, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(c) ? c : escape.toUpperCase();
  });
}
