import { describe, expect, it } from 'vitest';
import { parseMapState } from '../shared/map/mapState.ts';
import { parsePlansState } from '../features/plans/plansState.ts';
import { addressOf, keysFromAddress, ownKeys, viewFromSearch } from './routes.ts';

describe('viewFromSearch', () => {
  it('reads the view parameter', () => {
    expect(viewFromSearch('?view=admin')).toBe('admin');
    expect(viewFromSearch('?indicator=x&view=audit&period=2017-12')).toBe('audit');
    expect(viewFromSearch('view=account')).toBe('account');
  });

  it('falls back to the map', () => {
    expect(viewFromSearch('')).toBe('map');
    expect(viewFromSearch('?view=')).toBe('map');
    expect(viewFromSearch('?view=ADMIN')).toBe('map');
    expect(viewFromSearch('?view=../admin')).toBe('map');
  });
});

describe('addressOf', () => {
  const base = 'http://127.0.0.1:3000/?indicator=cases_total&period=2017-06&test=1&lang=en#x';

  it("keeps the global keys and the hash, and drops the other pages' keys", () => {
    expect(addressOf('admin', {}, base)).toBe('/?lang=en&test=1&view=admin#x');
    expect(addressOf('plans', { tab: 'plan', from: '2017-01' }, base)).toBe(
      '/?lang=en&test=1&view=plans&tab=plan&from=2017-01#x',
    );
  });

  it("writes the map without a view, with only the map's keys", () => {
    const plans = 'http://h/?view=plans&tab=plan&from=2017-01&to=2017-12';
    expect(addressOf('map', { indicator: 'drug_cases', period: '2017' }, plans)).toBe(
      '/?indicator=drug_cases&period=2017',
    );
    // The planning window does not follow to the map: its `from` would open a comparison.
    expect(parseMapState(new URL(addressOf('map', {}, plans), 'http://h').search).from).toBeNull();
  });

  it('sets or drops the language', () => {
    expect(addressOf('account', {}, base, 'vi')).toBe('/?test=1&view=account#x');
    expect(addressOf('account', {}, 'http://h/', 'en')).toBe('/?lang=en&view=account');
  });
});

describe('old permalinks', () => {
  it("open the map as before: every map key is the map's", () => {
    const old = '?indicator=cases_total&period=2018-03&method=equal&k=4&from=2017-03&sel=12&map=105.9,20.2,12&lang=en';
    const { view, keys } = keysFromAddress(old);
    expect(view).toBe('map');
    expect(parseMapState(new URLSearchParams(keys.map))).toEqual(parseMapState(old));
  });

  it('open the planning page as before, its window its own', () => {
    const old = '?view=plans&tab=plan&plan=7&from=2017-01&to=2017-12&w=drug_cases:1&norm=rank';
    const { view, keys } = keysFromAddress(old);
    expect(view).toBe('plans');
    expect(parsePlansState(new URLSearchParams(keys.plans), '2026-10')).toEqual(parsePlansState(old, '2026-10'));
    // `from` belongs to the page shown: the map is not given the planning window.
    expect(keys.map).toBeUndefined();
  });

  it('keep the map keys a briefing-page link carried, for the map', () => {
    const { view, keys } = keysFromAddress('?view=briefings&indicator=drug_cases&period=2017');
    expect(view).toBe('briefings');
    expect(keys.map).toEqual({ indicator: 'drug_cases', period: '2017' });
  });

  it("read the data page's old `tab` as its section", () => {
    expect(ownKeys('data', '?view=data&tab=hotspots')).toEqual({ section: 'hotspots' });
    expect(keysFromAddress('?view=data&tab=edits').keys.data).toEqual({ section: 'edits' });
    // …and the planning page's `tab` is not the data page's.
    expect(keysFromAddress('?view=plans&tab=plan').keys.data).toBeUndefined();
  });
});
