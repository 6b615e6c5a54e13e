import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { labelPoint, poleOfInaccessibility } from './labelPoints.ts';

describe('label points', () => {
  it('finds the centre of a square', () => {
    const [x, y] = poleOfInaccessibility([
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
    ]);
    expect(x).toBeCloseTo(5, 0);
    expect(y).toBeCloseTo(5, 0);
  });

  it('stays inside an L-shaped polygon, where the centroid would not', () => {
    const l: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 2],
          [2, 2],
          [2, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    const [x, y] = labelPoint(l);
    const inside = (x! <= 2 && y! <= 10) || (y! <= 2 && x! <= 10);
    expect(inside).toBe(true);
  });

  it('labels the largest part of a multipolygon', () => {
    const m: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [105, 20],
            [105.001, 20],
            [105.001, 20.001],
            [105, 20],
          ],
        ],
        [
          [
            [106, 20],
            [106.1, 20],
            [106.1, 20.1],
            [106, 20.1],
            [106, 20],
          ],
        ],
      ],
    };
    const [x, y] = labelPoint(m);
    expect(x).toBeGreaterThan(106);
    expect(x).toBeLessThan(106.1);
    expect(y).toBeGreaterThan(20);
    expect(y).toBeLessThan(20.1);
  });
});
