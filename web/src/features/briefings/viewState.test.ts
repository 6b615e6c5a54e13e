import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, parseMapState, type MapState } from '../../shared/map/mapState.ts';
import { describeState, mapHrefOf, mapStateOf, viewStateOf } from './viewState.ts';
import { defaultViewTitle } from './viewState.ts';

const STATE: MapState = {
  ...DEFAULT_STATE,
  indicator: 'cases_total',
  level: 'group',
  period: '2018-Q2',
  from: '2017-Q2',
  method: 'manual',
  classes: 4,
  palette: 'Greens',
  breaks: '1;5;10',
  measure: 'per1000',
  selected: 42,
  view: { lng: 105.97, lat: 20.25, zoom: 13.5 },
};

describe('saved view state', () => {
  it('keeps every field of the map state through saving and reopening', () => {
    expect(mapStateOf(viewStateOf(STATE))).toEqual(STATE);
  });

  it('fills what a saved state leaves out with the map defaults, and drops what the map would refuse', () => {
    expect(mapStateOf({ indicator: 'drug_cases', period: '2017' })).toEqual({
      ...DEFAULT_STATE,
      indicator: 'drug_cases',
      period: '2017',
    });
    // A change map needs two periods of the same kind: the map falls back to a single period.
    expect(mapStateOf({ indicator: 'drug_cases', period: '2017', from: '2016-03' }).from).toBeNull();
  });

  it('opens on the map page with the state in the address, without the page parameter', () => {
    const href = mapHrefOf(viewStateOf(STATE), 'en');
    expect(href.startsWith('/?')).toBe(true);
    expect(href).not.toContain('view=');
    expect(href).toContain('lang=en');
    expect(parseMapState(href.slice(1))).toEqual(STATE);
  });

  it('describes a map in a line: indicator, period(s), level', () => {
    const name = (key: string) => (key === 'cases_total' ? 'Vụ án hình sự xảy ra' : key);
    const levels = { ward: 'phường, xã', group: 'tổ dân phố, thôn' };
    expect(describeState(viewStateOf(STATE), name, 'vi', levels)).toBe(
      'Vụ án hình sự xảy ra · quý 2/2017 → quý 2/2018 · tổ dân phố, thôn',
    );
    expect(describeState({ indicator: 'x', period: '2017-12' }, name, 'en', levels)).toBe('x · Dec 2017 · phường, xã');
  });
});

describe('the default title of a map saved from the map page', () => {
  const name = (key: string) => (key === 'drug_cases' ? 'Vụ việc liên quan ma túy' : key);
  it('is the indicator and the period, or the two periods of a comparison', () => {
    expect(defaultViewTitle({ indicator: 'drug_cases', period: '2026-10', level: 'ward' }, name, 'vi')).toBe(
      'Vụ việc liên quan ma túy · tháng 10/2026',
    );
    expect(
      defaultViewTitle({ indicator: 'drug_cases', period: '2026-10', from: '2025-10', level: 'ward' }, name, 'vi'),
    ).toBe('Vụ việc liên quan ma túy · tháng 10/2025 → tháng 10/2026');
  });
});
