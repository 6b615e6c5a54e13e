import { describe, expect, it } from 'vitest';
import { checkRings, checkWktRings, ringMessage } from './rings.ts';

const open = [
  [106, 20],
  [106.1, 20],
  [106.1, 20.1],
  [106, 20.1],
];
const closed = [...open, [106, 20]];

describe('ring closure', () => {
  it('names the polygon and ring that is not closed, and closes it on request', () => {
    const poly = { type: 'Polygon', coordinates: [structuredClone(open)] };
    expect(checkRings(poly, false)).toEqual([{ polygon: 1, ring: 1, kind: 'unclosed' }]);
    expect(poly.coordinates[0]).toHaveLength(4);
    expect(checkRings(poly, true)).toEqual([{ polygon: 1, ring: 1, kind: 'unclosed' }]);
    expect(poly.coordinates[0]).toEqual(closed);
    expect(checkRings(poly, false)).toEqual([]);
    const multi = { type: 'MultiPolygon', coordinates: [[closed], [closed, structuredClone(open)]] };
    expect(checkRings(multi, false)).toEqual([{ polygon: 2, ring: 2, kind: 'unclosed' }]);
    expect(ringMessage({ polygon: 2, ring: 2, kind: 'unclosed' }, false, true)).toMatch(
      /ring not closed.*\(polygon 2, ring 2\)/,
    );
  });

  it('refuses rings of fewer than four positions', () => {
    const tiny = {
      type: 'Polygon',
      coordinates: [
        [
          [106, 20],
          [106.1, 20],
          [106, 20],
        ],
      ],
    };
    expect(checkRings(tiny, true)).toEqual([{ polygon: 1, ring: 1, kind: 'too_short' }]);
  });

  it('checks and closes WKT rings (CSV)', () => {
    const wkt = 'POLYGON((106 20,106.1 20,106.1 20.1,106 20.1))';
    expect(checkWktRings(wkt, false).problems).toEqual([{ polygon: 1, ring: 1, kind: 'unclosed' }]);
    expect(checkWktRings(wkt, true).wkt).toBe('POLYGON((106 20,106.1 20,106.1 20.1,106 20.1, 106 20))');
    const multi = 'MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 6),(5.1 5.1,5.2 5.1,5.2 5.2,5.1 5.1)))';
    expect(checkWktRings(multi, false).problems).toEqual([{ polygon: 2, ring: 1, kind: 'unclosed' }]);
    expect(checkWktRings('POINT(1 2)', false).problems).toEqual([]);
  });
});
