import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** [[west, south], [east, north]] of every polygon in the collection, or null when it has none. */
export function featureBounds(
  fc: FeatureCollection<Polygon | MultiPolygon | null, unknown>,
): [[number, number], [number, number]] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const ring of polygons.flat()) {
      for (const [x, y] of ring) {
        if (x! < w) w = x!;
        if (x! > e) e = x!;
        if (y! < s) s = y!;
        if (y! > n) n = y!;
      }
    }
  }
  return Number.isFinite(w) ? [
    [w, s],
    [e, n],
  ] : null;
}
