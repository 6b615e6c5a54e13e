/**
 * One label point per unit, computed once when the boundaries load: the pole of inaccessibility
 * (the interior point farthest from the edge, "polylabel" algorithm by Mapbox, ISC) of the unit's
 * largest polygon. Labelling the polygons themselves would label every tile-clipped piece of a unit
 * and put labels on thin slivers; one point per unit gives one label, well inside.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

type Ring = Position[];

interface Cell {
  x: number;
  y: number;
  half: number;
  /** Distance from the cell centre to the polygon edge (negative outside). */
  d: number;
  /** Upper bound of the distance anywhere in the cell. */
  max: number;
}

function pointToSegmentDistanceSq(px: number, py: number, a: Position, b: Position): number {
  let x = a[0]!;
  let y = a[1]!;
  let dx = b[0]! - x;
  let dy = b[1]! - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0]!;
      y = b[1]!;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Signed distance from a point to the polygon outline: positive inside, negative outside. */
function signedDistance(x: number, y: number, rings: Ring[]): number {
  let inside = false;
  let minDistSq = Infinity;
  for (const ring of rings) {
    for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      if (a[1]! > y !== b[1]! > y && x < ((b[0]! - a[0]!) * (y - a[1]!)) / (b[1]! - a[1]!) + a[0]!) inside = !inside;
      minDistSq = Math.min(minDistSq, pointToSegmentDistanceSq(x, y, a, b));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(minDistSq);
}

function makeCell(x: number, y: number, half: number, rings: Ring[]): Cell {
  const d = signedDistance(x, y, rings);
  return { x, y, half, d, max: d + half * Math.SQRT2 };
}

/** A max-heap of cells on `max`. */
class CellQueue {
  private items: Cell[] = [];
  get size(): number {
    return this.items.length;
  }
  push(cell: Cell): void {
    const items = this.items;
    items.push(cell);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.max >= cell.max) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = cell;
  }
  pop(): Cell | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        const bestMax = (k: number) => (k === i ? last.max : items[k]!.max);
        if (left < items.length && items[left]!.max > bestMax(best)) best = left;
        if (right < items.length && items[right]!.max > bestMax(best)) best = right;
        if (best === i) break;
        items[i] = items[best]!;
        i = best;
      }
      items[i] = last;
    }
    return top;
  }
}

/** Pole of inaccessibility of a polygon given in planar coordinates. */
export function poleOfInaccessibility(rings: Ring[], precisionRatio = 0.005): Position {
  const outer = rings[0] ?? [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of outer) {
    minX = Math.min(minX, p[0]!);
    minY = Math.min(minY, p[1]!);
    maxX = Math.max(maxX, p[0]!);
    maxY = Math.max(maxY, p[1]!);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const size = Math.min(width, height);
  if (!Number.isFinite(size) || size === 0) return [minX, minY];
  const precision = Math.max(width, height) * precisionRatio;

  const queue = new CellQueue();
  const half = size / 2;
  for (let x = minX; x < maxX; x += size) {
    for (let y = minY; y < maxY; y += size) queue.push(makeCell(x + half, y + half, half, rings));
  }
  // Start from the bounding-box centre; the polygon's centroid would do as well.
  let best = makeCell(minX + width / 2, minY + height / 2, 0, rings);
  for (let cell = queue.pop(); cell; cell = queue.pop()) {
    if (cell.d > best.d) best = cell;
    if (cell.max - best.d <= precision) continue;
    const h = cell.half / 2;
    queue.push(makeCell(cell.x - h, cell.y - h, h, rings));
    queue.push(makeCell(cell.x + h, cell.y - h, h, rings));
    queue.push(makeCell(cell.x - h, cell.y + h, h, rings));
    queue.push(makeCell(cell.x + h, cell.y + h, h, rings));
  }
  return [best.x, best.y];
}

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return Math.abs(sum / 2);
}

/** Label position (lon, lat) of a polygon or multipolygon: the pole of its largest part. */
export function labelPoint(geometry: Polygon | MultiPolygon): Position {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let largest: Ring[] = [];
  let largestArea = -1;
  for (const polygon of polygons) {
    const area = polygon[0] ? ringArea(polygon[0]) : 0;
    if (area > largestArea) {
      largest = polygon;
      largestArea = area;
    }
  }
  const first = largest[0]?.[0];
  if (!first) return [0, 0];
  // Work in a local equirectangular plane so that distances are comparable in x and y.
  const k = Math.cos((first[1]! * Math.PI) / 180);
  const planar = largest.map((ring) => ring.map((p) => [p[0]! * k, p[1]!]));
  const [x, y] = poleOfInaccessibility(planar);
  return [x! / k, y!];
}

/** A point feature per unit, carrying the given properties, for the label layer. */
export function labelPoints<P>(
  units: FeatureCollection<Polygon | MultiPolygon>,
  properties: (feature: Feature<Polygon | MultiPolygon>) => P,
): FeatureCollection<Point, P> {
  return {
    type: 'FeatureCollection',
    features: units.features
      .filter((feature) => feature.geometry)
      .map((feature) => ({
        type: 'Feature',
        ...(feature.id !== undefined ? { id: feature.id } : {}),
        geometry: { type: 'Point', coordinates: labelPoint(feature.geometry) },
        properties: properties(feature),
      })),
  };
}
