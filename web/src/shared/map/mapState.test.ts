import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, parseMapState, writeMapState } from './mapState.ts';

describe('map state in the URL', () => {
  it('round-trips every field', () => {
    const state = {
      ...DEFAULT_STATE,
      indicator: 'cases_total',
      level: 'group' as const,
      period: '2018-Q2',
      from: '2017-Q2',
      scale: 'period' as const,
      method: 'quantile' as const,
      classes: 7,
      palette: 'Greens' as const,
      measure: 'per1000' as const,
      selected: 42,
      view: { lng: 105.97, lat: 20.25, zoom: 13.5 },
    };
    const href = writeMapState('http://x/?test=1&view=map', state, 'en');
    expect(href).toContain('test=1');
    expect(href).toContain('lang=en');
    expect(parseMapState(new URL(href, 'http://x').search)).toEqual(state);
  });
  it('ignores invalid values', () => {
    const s = parseMapState('?period=2017-13&k=12&palette=Rainbow&method=x&from=2017&level=city');
    expect(s).toEqual(DEFAULT_STATE);
  });
  it('keeps the new time keys and still opens links written before them', () => {
    const ytd = parseMapState('?indicator=cases_total&period=2026-10-ytd&change=yoy_pct');
    expect([ytd.period, ytd.change, ytd.from, ytd.scale]).toEqual(['2026-10-ytd', 'yoy_pct', null, 'all']);
    const href = writeMapState('http://x/?view=map', ytd, 'vi');
    expect(parseMapState(new URL(href, 'http://x').search)).toEqual(ytd);
    // An old permalink (issue 4): a month, a change from an explicit period, every other key absent.
    const old = parseMapState('?view=map&indicator=cases_total&period=2017-12&from=2017-06&k=4&method=quantile');
    expect(old).toEqual({
      ...DEFAULT_STATE,
      indicator: 'cases_total',
      period: '2017-12',
      from: '2017-06',
      classes: 4,
      method: 'quantile',
    });
    // No period: the page opens on the latest month with data (nothing written for it).
    expect(parseMapState('?indicator=cases_total').period).toBe('');
    expect(writeMapState('http://x/?view=map', DEFAULT_STATE, 'vi')).not.toContain('period=');
    // A year-on-year change and an explicit first period are not both kept: the explicit one wins.
    expect(parseMapState('?period=2018&from=2017&change=yoy').change).toBeNull();
  });
});
