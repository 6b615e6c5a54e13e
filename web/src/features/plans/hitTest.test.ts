import { describe, expect, it } from 'vitest';
import { closePolygon, idsInBox, idsInPolygon, isBoxDrag, type LabelPoint } from './hitTest.ts';

// Label points of a few groups around Ninh Bình (lon, lat).
const points: LabelPoint[] = [
  { id: 1, coordinates: [105.97, 20.25] },
  { id: 2, coordinates: [105.98, 20.26] },
  { id: 3, coordinates: [105.99, 20.25] },
  { id: 4, coordinates: [106.01, 20.27] },
];

describe('box selection', () => {
  it('takes the points inside, whichever corners the drag started and ended at', () => {
    expect(idsInBox(points, [105.965, 20.245], [105.985, 20.265])).toEqual([1, 2]);
    expect(idsInBox(points, [105.985, 20.265], [105.965, 20.245])).toEqual([1, 2]);
    expect(idsInBox(points, [105.965, 20.265], [105.985, 20.245])).toEqual([1, 2]);
  });

  it('counts a point on the edge as inside and takes nothing from an empty box', () => {
    expect(idsInBox(points, [105.99, 20.25], [106.0, 20.24])).toEqual([3]);
    expect(idsInBox(points, [100, 10], [100.1, 10.1])).toEqual([]);
  });
});

describe('polygon selection', () => {
  it('takes the points inside a triangle, not those outside its bounding box corners', () => {
    // A triangle whose bounding box holds 1, 2 and 3, but which holds only 1 and 2.
    const triangle: [number, number][] = [
      [105.96, 20.24],
      [105.995, 20.24],
      [105.96, 20.275],
    ];
    expect(idsInBox(points, [105.96, 20.24], [105.995, 20.275])).toEqual([1, 2, 3]);
    expect(idsInPolygon(points, triangle)).toEqual([1]);
    const wider: [number, number][] = [
      [105.96, 20.24],
      [106.0, 20.24],
      [105.96, 20.3],
    ];
    expect(idsInPolygon(points, wider)).toEqual([1, 2, 3]);
  });

  it('handles a concave polygon and needs three vertices', () => {
    // A "U" open to the north: point 2 sits in the notch.
    const u: [number, number][] = [
      [105.96, 20.24],
      [106.0, 20.24],
      [106.0, 20.28],
      [105.995, 20.28],
      [105.995, 20.255],
      [105.975, 20.255],
      [105.975, 20.28],
      [105.96, 20.28],
    ];
    expect(idsInPolygon(points, u)).toEqual([1, 3]);
    expect(idsInPolygon(points, u.slice(0, 2))).toEqual([]);
  });

  it('closes a clicked polygon: the double-click duplicate and a return to the start dropped', () => {
    expect(
      closePolygon([
        [10, 10],
        [100, 10],
        [100, 100],
        [101, 101],
      ]),
    ).toEqual([
      [10, 10],
      [100, 10],
      [100, 100],
    ]);
    expect(
      closePolygon([
        [10, 10],
        [100, 10],
        [100, 100],
        [11, 11],
      ]),
    ).toEqual([
      [10, 10],
      [100, 10],
      [100, 100],
    ]);
    expect(
      closePolygon([
        [10, 10],
        [100, 10],
        [100, 11],
      ]),
    ).toBeNull();
    expect(closePolygon([])).toBeNull();
  });

  it('tells a drag from a click', () => {
    expect(isBoxDrag([0, 0], [2, 30])).toBe(false);
    expect(isBoxDrag([0, 0], [20, 30])).toBe(true);
    expect(isBoxDrag([50, 50], [10, 10])).toBe(true);
  });
});
