/** A plausible request for a route pattern: ids filled in, a minimal valid query where one is needed. */
export function sampleUrl(url: string): string {
  // Routes whose path parameters must be valid for the query to be checked at all (params validate first).
  const paths: Record<string, string> = {
    '/tiles/:layer/:z/:x/:y.mvt': '/tiles/ward/12/3253/1812.mvt',
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
    '/tiles/:layer/:z/:x/:y.mvt': 'at=2017-12-31',
    '/api/imports/indicators/template': 'indicators=drug_cases&format=csv',
    '/api/plans/candidates': 'from=2017-01&to=2017-12&weights=drug_cases:2,gambling_cases:1',
    '/api/plans/compare': 'a=999999&b=999998',
  };
  return query[url] ? `${path}?${query[url]}` : path;
}
