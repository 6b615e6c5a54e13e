/** A plausible request for a route pattern: ids filled in, a minimal valid query where one is needed. */
export function sampleUrl(url: string): string {
  // Routes whose path parameters must be valid for the query to be checked at all (params validate first).
  const paths: Record<string, string> = {
    '/tiles/:layer/:z/:x/:y.mvt': '/tiles/ward/12/3253/1812.mvt',
    '/tiles/:layer.json': '/tiles/ward.json',
    // No archive is configured in these tests: valid coordinates, an id that is not found (404).
    '/tiles/basemap/:archive/:z/:x/:y.mvt': '/tiles/basemap/ninh-binh/14/13014/7250.mvt',
    '/tiles/basemap/:archive/:z/:x/:y.pbf': '/tiles/basemap/ninh-binh/14/13014/7250.pbf',
  };
  const path = paths[url] ?? url.replace(/:(\w+)/g, '999999');
  const query: Record<string, string> = {
    '/api/units': 'level=ward&at=2017-12-31',
    '/api/values': 'indicator=drug_cases&level=ward&from=2017-01&to=2017-02',
    '/api/values/ids': 'level=ward&at=2017-12-31',
    '/api/summary': 'year=2017',
    '/api/summary/annual': 'year=2017',
    '/api/summary/annual.xlsx': 'year=2017',
    '/api/search': 'q=bich%20dao',
    '/api/crosswalk': 'at=2025-07-01',
    '/api/boundaries/versions': 'level=ward',
    '/api/place': 'at=2017-12-31',
    '/tiles/:layer/:z/:x/:y.mvt': 'at=2017-12-31',
    '/api/imports/indicators/template': 'indicators=drug_cases&format=csv',
    '/api/plans/candidates': 'from=2017-01&to=2017-12&weights=drug_cases:2,gambling_cases:1',
    '/api/plans/compare': 'a=999999&b=999998',
    '/api/downloads/units': 'format=csv&level=ward&at=2017-12-31',
  };
  return query[url] ? `${path}?${query[url]}` : path;
}

const pct = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
const encodeLetters = (s: string, first = false) => {
  let done = false;
  return s.replace(/[A-Za-z]/g, (c) => {
    if (first && done) return c;
    done = true;
    return pct(c);
  });
};
const mixCase = (s: string) => s.replace(/[a-z]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c));

/**
 * Other spellings of a request to a route (`pattern` is the route's URL, `url` the request): each
 * must reach the same route. Percent-encoded letters in each segment and in all of them, mixed case
 * of the fixed segments (parameter values are data, not spelling), `//`, a trailing `/`, `/./`,
 * `/%2e/`, `/x/../`, and `;` suffixes. The query string is kept as it is.
 */
export function spellings(pattern: string, url: string): string[] {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q);
  const segs = path.split('/').filter(Boolean);
  const fixed = pattern
    .split('/')
    .filter(Boolean)
    .map((s) => !s.includes(':'));
  const join = (parts: string[]) => `/${parts.join('/')}${query}`;
  const out: string[] = [];
  segs.forEach((s, i) => {
    if (/[A-Za-z]/.test(s)) out.push(join(segs.map((x, j) => (j === i ? encodeLetters(x, true) : x))));
  });
  out.push(join(segs.map((s) => encodeLetters(s))));
  out.push(join(segs.map((s, i) => (fixed[i] ? mixCase(s) : s))));
  out.push(join(segs.map((s, i) => (fixed[i] ? s.toUpperCase() : s))));
  out.push(`//${segs.join('//')}${query}`);
  out.push(`/${segs.join('/')}/${query}`);
  out.push(join([segs[0]!, '.', ...segs.slice(1)]));
  out.push(join([segs[0]!, '%2e', ...segs.slice(1)]));
  out.push(join([segs[0]!, 'x', '..', ...segs.slice(1)]));
  out.push(join([segs[0]!, 'x', '%2E%2e', ...segs.slice(1)]));
  out.push(join([`${segs[0]!};jsessionid=0`, ...segs.slice(1)]));
  out.push(join([...segs.slice(0, -1), `${segs[segs.length - 1]!};x=1`]));
  return [...new Set(out)].filter((v) => v !== url);
}
