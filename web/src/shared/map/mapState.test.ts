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
});
