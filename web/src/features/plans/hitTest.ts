/**
 * Which groups a box or a polygon drawn on the map takes in: those whose label point (the pole of
 * inaccessibility, one point well inside each group, the same point the map labels) lies inside the
 * shape. A point per group makes the answer unambiguous — a group half inside a loose lasso is in
 * or out by where its middle is, not by a sliver of its edge.
 */
import { booleanPointInPolygon } from '@turf/turf';

export type Position2 = [number, number];

export interface LabelPoint {
  id: number;
  /** Longitude, latitude. */
  coordinates: Position2;
}

/** Ids of the points inside the axis-aligned box with corners `a` and `b` (any two opposite corners). */
export function idsInBox(points: readonly LabelPoint[], a: Position2, b: Position2): number[] {
  const [west, east] = a[0] <= b[0] ? [a[0], b[0]] : [b[0], a[0]];
  const [south, north] = a[1] <= b[1] ? [a[1], b[1]] : [b[1], a[1]];
  return points
    .filter(({ coordinates: [x, y] }) => x >= west && x <= east && y >= south && y <= north)
    .map((p) => p.id);
}

/** Ids of the points inside the polygon with these vertices (open ring, at least three). */
export function idsInPolygon(points: readonly LabelPoint[], vertices: readonly Position2[]): number[] {
  if (vertices.length < 3) return [];
  const ring = [...vertices, vertices[0]!].map(([x, y]) => [x, y]);
  const polygon = { type: 'Polygon' as const, coordinates: [ring] };
  return points.filter((p) => booleanPointInPolygon(p.coordinates, polygon)).map((p) => p.id);
}

/**
 * The vertices of a polygon drawn by clicks, ready to close: consecutive points closer than
 * `tolerance` merged (a double-click to finish adds the last point twice), and a last point on top
 * of the first dropped. Null when fewer than three distinct vertices remain.
 */
export function closePolygon(vertices: readonly Position2[], tolerance = 3): Position2[] | null {
  const near = (p: Position2, q: Position2) => Math.hypot(p[0] - q[0], p[1] - q[1]) <= tolerance;
  const out: Position2[] = [];
  for (const v of vertices) {
    if (out.length === 0 || !near(out[out.length - 1]!, v)) out.push(v);
  }
  while (out.length > 1 && near(out[0]!, out[out.length - 1]!)) out.pop();
  return out.length >= 3 ? out : null;
}

/** Whether a drag was long enough to be a box rather than a click (screen pixels). */
export function isBoxDrag(start: Position2, end: Position2, minimum = 4): boolean {
  return Math.abs(end[0] - start[0]) >= minimum && Math.abs(end[1] - start[1]) >= minimum;
}
