import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { clipRing, pointInRings, ringArea, ringMoments, type Pt, type Ring } from './planar.ts';
import type { Rng } from './random.ts';

/**
 * Splits a polygon into n parts that tile it: a power diagram (a Voronoi diagram whose cells can
 * grow or shrink through per-site weights) relaxed Lloyd-style towards target areas, each cell
 * clipped to the input with turf.intersect.
 *
 * Why a power diagram rather than plain turf.voronoi: administrative units differ a lot in size
 * (a central ward is a tenth of a rural commune), and Lloyd relaxation of a plain Voronoi diagram
 * drives all cells to the same size. Power cells are still convex, so clipping stays simple.
 */
export interface PartitionOptions {
  /** Relative target areas, one per part (default: all equal). */
  shares?: readonly number[];
  /** Starting sites as [lon, lat], one per part, e.g. to keep a known layout; outside points are pulled in. */
  sites?: readonly Position[];
  /** Relaxation steps (default 48). */
  iterations?: number;
}

export type PartFeature = Feature<Polygon | MultiPolygon, { index: number }>;

interface Frame {
  lon0: number;
  lat0: number;
  kx: number;
  ky: number;
}

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQ = 111_320;

/** Returns n features (in the order of `shares`/`sites`) whose union is the input, without overlaps. */
export function partitionPolygon(
  input: Feature<Polygon | MultiPolygon> | Polygon | MultiPolygon,
  n: number,
  rng: Rng,
  options: PartitionOptions = {},
): PartFeature[] {
  const feature = 'type' in input && input.type === 'Feature' ? input : turf.feature(input as Polygon | MultiPolygon);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`partitionPolygon(): n must be a positive integer, got ${n}`);
  if (options.shares && options.shares.length !== n) throw new RangeError('partitionPolygon(): shares.length !== n');
  if (options.sites && options.sites.length !== n) throw new RangeError('partitionPolygon(): sites.length !== n');
  if (n === 1) return [turf.feature(feature.geometry, { index: 0 })];

  const frame = frameOf(feature);
  const rings = projectRings(feature.geometry, frame);
  const total = rings.reduce((s, r) => s + ringArea(r), 0);
  if (!(total > 0)) throw new RangeError('partitionPolygon(): the polygon has no area');

  const shares = options.shares ?? new Array<number>(n).fill(1);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  if (!(shareSum > 0) || shares.some((s) => !(s > 0))) throw new RangeError('partitionPolygon(): shares must be > 0');
  const targets = shares.map((s) => (total * s) / shareSum);

  // A relaxation can, rarely, starve a cell; start again from other random sites rather than fail.
  for (let attempt = 0; attempt < 8; attempt++) {
    const r = attempt === 0 ? rng : rng.fork(`partition-retry-${attempt}`);
    const start = startSites(rings, n, r, attempt === 0 ? options.sites?.map((p) => project(p, frame)) : undefined);
    const { sites, weights } = relax(rings, start, targets, options.iterations ?? 48);
    const parts = clipCells(feature, rings, sites, weights, frame);
    if (parts !== null) return parts;
  }
  throw new Error('partitionPolygon(): could not produce non-empty parts');
}

function frameOf(feature: Feature<Polygon | MultiPolygon>): Frame {
  const [minX, minY, maxX, maxY] = turf.bbox(feature);
  const lat0 = (minY + maxY) / 2;
  return {
    lon0: (minX + maxX) / 2,
    lat0,
    kx: M_PER_DEG_LON_EQ * Math.cos((lat0 * Math.PI) / 180),
    ky: M_PER_DEG_LAT,
  };
}

function project(p: Position, f: Frame): Pt {
  return [((p[0] as number) - f.lon0) * f.kx, ((p[1] as number) - f.lat0) * f.ky];
}

function unproject(p: Pt, f: Frame): Position {
  return [f.lon0 + p[0] / f.kx, f.lat0 + p[1] / f.ky];
}

/** Open rings in metres, outer rings counter-clockwise and holes clockwise, so signed areas add up. */
function projectRings(geometry: Polygon | MultiPolygon, f: Frame): Ring[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out: Ring[] = [];
  for (const polygon of polygons) {
    polygon.forEach((ring, k) => {
      const open = ring.slice(0, ring.length - 1).map((p) => project(p, f));
      const ccw = ringArea(open) > 0;
      out.push((k === 0) === ccw ? open : open.reverse());
    });
  }
  return out;
}

function startSites(rings: Ring[], n: number, rng: Rng, given: Pt[] | undefined): Pt[] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  const inside = (count: number): Pt[] => {
    const pts: Pt[] = [];
    for (let tries = 0; pts.length < count && tries < count * 1000; tries++) {
      const p: Pt = [rng.uniform(minX, maxX), rng.uniform(minY, maxY)];
      if (pointInRings(p, rings)) pts.push(p);
    }
    if (pts.length < count) throw new Error('partitionPolygon(): could not sample points inside the polygon');
    return pts;
  };
  if (!given) return inside(n);

  // Keep given sites that are inside; replace the others by the nearest unused interior sample.
  const pool = inside(Math.max(64, 8 * n));
  const used = new Set<number>();
  return given.map((p) => {
    if (pointInRings(p, rings)) return p;
    let best = -1;
    let bestD = Infinity;
    pool.forEach((q, k) => {
      const d = (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2;
      if (!used.has(k) && d < bestD) {
        bestD = d;
        best = k;
      }
    });
    used.add(best);
    return pool[best] as Pt;
  });
}

/** Half-plane of points closer (in power distance) to site i than to site j: a·x + b·y <= c. */
function bisector(si: Pt, wi: number, sj: Pt, wj: number): [number, number, number] {
  return [
    2 * (sj[0] - si[0]),
    2 * (sj[1] - si[1]),
    sj[0] * sj[0] + sj[1] * sj[1] - si[0] * si[0] - si[1] * si[1] - wj + wi,
  ];
}

function cellMoments(
  rings: Ring[],
  sites: Pt[],
  weights: number[],
  i: number,
): { area: number; cx: number; cy: number } {
  let clipped: Ring[] = rings;
  const si = sites[i] as Pt;
  const wi = weights[i] as number;
  for (let j = 0; j < sites.length && clipped.length > 0; j++) {
    if (j === i) continue;
    const [a, b, c] = bisector(si, wi, sites[j] as Pt, weights[j] as number);
    clipped = clipped.map((r) => clipRing(r, a, b, c)).filter((r) => r.length >= 3);
  }
  let area = 0;
  let mx = 0;
  let my = 0;
  for (const r of clipped) {
    const m = ringMoments(r);
    area += m.area;
    mx += m.mx;
    my += m.my;
  }
  return area > 1e-9 ? { area, cx: mx / area, cy: my / area } : { area: 0, cx: si[0], cy: si[1] };
}

/**
 * Lloyd steps (sites to cell centroids) interleaved with weight updates towards the target
 * areas; the last third only tunes weights so the cells settle. Weights are kept in
 * [0, min squared distance to another site], which keeps every site inside its own cell.
 */
function relax(rings: Ring[], start: Pt[], targets: number[], iterations: number): { sites: Pt[]; weights: number[] } {
  const n = start.length;
  let sites = dedupe(start);
  let weights = new Array<number>(n).fill(0);
  const lloydSteps = Math.round((iterations * 2) / 3);
  for (let it = 0; it < iterations; it++) {
    const cells = sites.map((_, i) => cellMoments(rings, sites, weights, i));
    if (it < lloydSteps) sites = dedupe(cells.map((c) => [c.cx, c.cy] as Pt));
    weights = weights.map((w, i) => w + 0.6 * ((targets[i] as number) - (cells[i] as { area: number }).area));
    const min = Math.min(...weights);
    weights = weights.map((w, i) => {
      let limit = Infinity;
      const si = sites[i] as Pt;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const sj = sites[j] as Pt;
        limit = Math.min(limit, (si[0] - sj[0]) ** 2 + (si[1] - sj[1]) ** 2);
      }
      return Math.min(w - min, limit);
    });
  }
  return { sites, weights };
}

/** Coincident sites have no bisector; nudge later duplicates by a millimetre. */
function dedupe(sites: Pt[]): Pt[] {
  const seen = new Set<string>();
  return sites.map((p) => {
    let q = p;
    for (let k = 1; seen.has(`${q[0]},${q[1]}`); k++) q = [p[0] + 1e-3 * k, p[1] + 1e-3 * k];
    seen.add(`${q[0]},${q[1]}`);
    return q;
  });
}

/** The exact convex power cell of site i, bounded by a box well around the polygon. */
function powerCell(rings: Ring[], sites: Pt[], weights: number[], i: number): Ring {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rings) {
    for (const [x, y] of r) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  const pad = Math.max(maxX - minX, maxY - minY);
  let cell: Ring = [
    [minX - pad, minY - pad],
    [maxX + pad, minY - pad],
    [maxX + pad, maxY + pad],
    [minX - pad, maxY + pad],
  ];
  const si = sites[i] as Pt;
  for (let j = 0; j < sites.length && cell.length >= 3; j++) {
    if (j === i) continue;
    const [a, b, c] = bisector(si, weights[i] as number, sites[j] as Pt, weights[j] as number);
    cell = clipRing(cell, a, b, c);
  }
  return cell;
}

type PolygonCoords = Position[][];

function partsOf(geometry: Polygon | MultiPolygon): PolygonCoords[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Clips every power cell to the input. A convex cell can cut a non-convex polygon into several
 * pieces; a detached piece would make an implausible exclave, so each cell keeps its largest
 * piece and hands the others to the neighbour it shares the longest border with.
 */
function clipCells(
  feature: Feature<Polygon | MultiPolygon>,
  rings: Ring[],
  sites: Pt[],
  weights: number[],
  frame: Frame,
): PartFeature[] | null {
  const n = sites.length;
  const kept: PolygonCoords[][] = [];
  const fragments: { owner: number; coords: PolygonCoords }[] = [];
  for (let i = 0; i < n; i++) {
    const cell = powerCell(rings, sites, weights, i);
    if (cell.length < 3) return null;
    const ring = cell.map((p) => unproject(p, frame));
    ring.push(ring[0] as Position);
    const clipped = turf.intersect(turf.featureCollection([feature, turf.polygon([ring])]));
    if (clipped === null) return null;
    const parts = partsOf(clipped.geometry)
      .map((coords) => ({ coords, area: turf.area(turf.polygon(coords)) }))
      .sort((a, b) => b.area - a.area);
    const [main, ...rest] = parts;
    if (main === undefined) return null;
    kept.push([main.coords]);
    for (const f of rest) fragments.push({ owner: i, coords: f.coords });
  }

  for (const fragment of fragments) {
    const to = neighbourOf(fragment, rings, sites, weights, frame);
    const target = to ?? fragment.owner;
    const current = kept[target] as PolygonCoords[];
    const merged = turf.union(
      turf.featureCollection<Polygon | MultiPolygon>([turf.multiPolygon(current), turf.polygon(fragment.coords)]),
    );
    kept[target] = merged === null ? [...current, fragment.coords] : partsOf(merged.geometry);
  }

  return kept.map((parts, index) =>
    parts.length === 1 ? turf.polygon(parts[0] as PolygonCoords, { index }) : turf.multiPolygon(parts, { index }),
  );
}

/** The site whose cell lies across the fragment's longest inner border (null if it has none). */
function neighbourOf(
  fragment: { owner: number; coords: PolygonCoords },
  rings: Ring[],
  sites: Pt[],
  weights: number[],
  frame: Frame,
): number | null {
  const outer = (fragment.coords[0] ?? []).map((p) => project(p, frame));
  const ccw = ringArea(outer) > 0 ? 1 : -1;
  const border = new Map<number, number>();
  for (let k = 0; k + 1 < outer.length; k++) {
    const a = outer[k] as Pt;
    const b = outer[k + 1] as Pt;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len < 1e-6) continue;
    // Step half a metre outwards from the edge's midpoint and see whose power cell that is.
    const probe: Pt = [
      (a[0] + b[0]) / 2 + (ccw * (b[1] - a[1]) * 0.5) / len,
      (a[1] + b[1]) / 2 - (ccw * (b[0] - a[0]) * 0.5) / len,
    ];
    if (!pointInRings(probe, rings)) continue;
    let best = -1;
    let bestPower = Infinity;
    sites.forEach((s, j) => {
      const power = (probe[0] - s[0]) ** 2 + (probe[1] - s[1]) ** 2 - (weights[j] as number);
      if (power < bestPower) {
        bestPower = power;
        best = j;
      }
    });
    if (best >= 0 && best !== fragment.owner) border.set(best, (border.get(best) ?? 0) + len);
  }
  let choice: number | null = null;
  let longest = 0;
  for (const [j, len] of border) {
    if (len > longest || (len === longest && choice !== null && j < choice)) {
      longest = len;
      choice = j;
    }
  }
  return choice;
}
