import { describe, expect, it } from 'vitest';
import { hrefForView, viewFromSearch } from './view.ts';

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

describe('hrefForView', () => {
  const base = 'http://127.0.0.1:3000/?indicator=cases_total&period=2017-06&test=1#x';

  it('keeps the other parameters and the hash', () => {
    expect(hrefForView('admin', base)).toBe('/?indicator=cases_total&period=2017-06&test=1&view=admin#x');
  });

  it('replaces an existing view, and drops it for the map', () => {
    const admin = `http://h${hrefForView('admin', base)}`;
    expect(hrefForView('audit', admin)).toBe('/?indicator=cases_total&period=2017-06&test=1&view=audit#x');
    expect(hrefForView('map', admin)).toBe('/?indicator=cases_total&period=2017-06&test=1#x');
  });
});
