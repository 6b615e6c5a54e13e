import { describe, expect, it } from 'vitest';
import { canonicalUrl } from './canonical-url.ts';

describe('canonicalUrl: one spelling per path', () => {
  it.each([
    ['/%61pi/admin/users', '/api/admin/users'],
    ['/a%70i/admin/users', '/api/admin/users'],
    ['/%61%70%69/%61dmin/%75sers', '/api/admin/users'],
    ['/%74iles/ward/1/2/3.mvt', '/tiles/ward/1/2/3.mvt'],
    ['/api//admin///users', '/api/admin/users'],
    ['/api/admin/users/', '/api/admin/users'],
    ['/api/./admin/users', '/api/admin/users'],
    ['/api/%2e/admin/users', '/api/admin/users'],
    ['/api/x/%2e%2e/admin/users', '/api/admin/users'],
    ['/api/x/../admin/users', '/api/admin/users'],
    ['/../../api/health', '/api/health'],
    ['/api/health;jsessionid=1', '/api/health'],
    ['/api;x/health', '/api/health'],
    ['/api/summary?year=2017', '/api/summary?year=2017'],
    ['/api/search?q=a/../b%61', '/api/search?q=a/../b%61'],
    ['/', '/'],
    ['//', '/'],
  ])('%s → %s', (url, expected) => {
    expect(canonicalUrl(url)).toBe(expected);
  });

  it('keeps escapes that are not plain letters, so an encoded slash or NUL stays data', () => {
    expect(canonicalUrl('/api/plans/1%2f2')).toBe('/api/plans/1%2F2');
    expect(canonicalUrl('/api/plans/%00')).toBe('/api/plans/%00');
    expect(canonicalUrl('/api/%252e%252e/x')).toBe('/api/%252e%252e/x');
    expect(canonicalUrl('/api/plans/1%3Bx')).toBe('/api/plans/1%3Bx');
  });

  it('leaves letter case to the router (parameter values keep theirs)', () => {
    expect(canonicalUrl('/API/Admin/Users')).toBe('/API/Admin/Users');
  });
});
