/**
 * Conditional requests and content coding, shared by the routes that send cacheable bytes (vector
 * tiles, basemap tiles, values matrices).
 */

/** Whether Accept-Encoding allows gzip (a `q=0` refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | undefined;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const ok = q === undefined || Number(q) > 0;
    if (name === 'gzip') return ok;
    star = ok;
  }
  return star ?? false;
}

/**
 * If-None-Match against an ETag, by weak comparison as RFC 9110 asks: `W/` and the `-gz` suffix of
 * a gzip representation are ignored, so either representation's ETag revalidates.
 */
export function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return tag === '*' || tag === etag || tag === `${etag}-gz`;
  });
}
