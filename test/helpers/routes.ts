/** A plausible request for a route pattern: ids filled in, a minimal valid query where one is needed. */
export function sampleUrl(url: string): string {
  const path = url.replace(/:(\w+)/g, '999999');
  const query: Record<string, string> = {
    '/api/units': 'level=ward&at=2017-12-31',
    '/api/values': 'indicator=drug_cases&level=ward&from=2017-01&to=2017-02',
    '/api/summary': 'year=2017',
  };
  return query[url] ? `${path}?${query[url]}` : path;
}
