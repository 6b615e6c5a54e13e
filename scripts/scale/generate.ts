/**
 * A seeded synthetic national dataset for scale tests: wards on a jittered grid clipped to a rough
 * outline of Vietnam, each cut into `cols × rows` residential groups by bilinear subdivision, so the
 * groups tile their ward exactly and neighbouring wards share their edges vertex for vertex.
 * Streaming and allocation-light: 100,000 groups take well under a second.
 */
import { createRng, hashString } from '../../geo/demo/random.ts';

export interface ScaleOptions {
  seed: string;
  /** At least this many wards (the grid step is chosen to reach it inside the outline). */
  wards: number;
  /** Groups per ward = cols × rows. */
  cols: number;
  rows: number;
}

export const DEFAULT_SCALE: ScaleOptions = { seed: 'antt-scale-1', wards: 10_000, cols: 2, rows: 5 };

export interface ScaleWard {
  index: number;
  code: string;
  kind: 'phuong' | 'xa';
  /** Outer ring, closed, lon/lat. */
  ring: [number, number][];
  groups: { code: string; kind: 'to_dan_pho' | 'thon'; ring: [number, number][]; households: number }[];
}

/** A coarse outline of mainland Vietnam (lon, lat), enough to give the grid the country's shape. */
export const VIETNAM_OUTLINE: [number, number][] = [
  [102.14, 22.4],
  [103.0, 22.75],
  [104.0, 22.85],
  [105.3, 23.35],
  [106.7, 22.85],
  [108.0, 21.55],
  [106.6, 20.3],
  [105.9, 19.4],
  [105.6, 18.9],
  [106.5, 17.9],
  [107.2, 16.8],
  [108.3, 16.0],
  [108.9, 15.2],
  [109.3, 13.4],
  [109.2, 11.7],
  [108.6, 11.2],
  [107.5, 10.5],
  [106.8, 10.4],
  [106.4, 9.5],
  [105.4, 8.6],
  [104.8, 8.6],
  [104.8, 9.6],
  [104.5, 10.4],
  [105.1, 10.9],
  [106.0, 11.7],
  [106.4, 11.7],
  [107.5, 12.3],
  [107.5, 14.5],
  [107.2, 16.0],
  [106.5, 16.7],
  [105.7, 17.7],
  [105.0, 18.7],
  [104.0, 19.3],
  [104.5, 19.7],
  [104.2, 20.5],
  [103.0, 20.7],
  [102.2, 21.6],
  [102.14, 22.4],
];

function inside(lon: number, lat: number, ring: [number, number][]): boolean {
  let c = false;
  for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
    const [xa, ya] = ring[a]!;
    const [xb, yb] = ring[b]!;
    if (ya > lat !== yb > lat && lon < ((xb - xa) * (lat - ya)) / (yb - ya) + xa) c = !c;
  }
  return c;
}

const BBOX = { west: 102.0, south: 8.4, east: 109.5, north: 23.5 };

function cellsInside(step: number): [number, number][] {
  const out: [number, number][] = [];
  const nx = Math.ceil((BBOX.east - BBOX.west) / step);
  const ny = Math.ceil((BBOX.north - BBOX.south) / step);
  for (let gy = 0; gy < ny; gy++) {
    for (let gx = 0; gx < nx; gx++) {
      const lon = BBOX.west + (gx + 0.5) * step;
      const lat = BBOX.south + (gy + 0.5) * step;
      if (inside(lon, lat, VIETNAM_OUTLINE)) out.push([gx, gy]);
    }
  }
  return out;
}

/** The wards (with their groups), in a stable order. */
export function generateScale(opts: ScaleOptions = DEFAULT_SCALE): ScaleWard[] {
  // Largest step whose grid puts at least `wards` cell centres inside the outline.
  let lo = 0.005;
  let hi = 1;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (cellsInside(mid).length >= opts.wards) lo = mid;
    else hi = mid;
  }
  const step = lo;
  const cells = cellsInside(step);
  const [s0] = hashString(opts.seed);
  // Grid nodes jittered by up to ±30 % of a step, the same for every ward that shares the node.
  const node = (gx: number, gy: number): [number, number] => {
    let h = (Math.imul(gx, 73856093) ^ Math.imul(gy, 19349663) ^ s0!) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
    const jx = ((h & 0xffff) / 0xffff - 0.5) * 0.6;
    const jy = ((h >>> 16) / 0xffff - 0.5) * 0.6;
    return [round(BBOX.west + (gx + jx) * step), round(BBOX.south + (gy + jy) * step)];
  };
  const rng = createRng(opts.seed);
  const wards: ScaleWard[] = [];
  const { cols, rows } = opts;
  cells.forEach(([gx, gy], index) => {
    const sw = node(gx, gy);
    const se = node(gx + 1, gy);
    const ne = node(gx + 1, gy + 1);
    const nw = node(gx, gy + 1);
    // Bilinear point at (u, v) ∈ [0,1]² of the quad.
    const at = (u: number, v: number): [number, number] => [
      round((1 - u) * (1 - v) * sw[0] + u * (1 - v) * se[0] + u * v * ne[0] + (1 - u) * v * nw[0]),
      round((1 - u) * (1 - v) * sw[1] + u * (1 - v) * se[1] + u * v * ne[1] + (1 - u) * v * nw[1]),
    ];
    const ring: [number, number][] = [];
    for (let c = 0; c < cols; c++) ring.push(at(c / cols, 0));
    for (let r = 0; r < rows; r++) ring.push(at(1, r / rows));
    for (let c = cols; c > 0; c--) ring.push(at(c / cols, 1));
    for (let r = rows; r > 0; r--) ring.push(at(0, r / rows));
    ring.push(ring[0]!);
    const code = `S${String(index + 1).padStart(5, '0')}`;
    const urban = rng.next() < 0.3;
    const groups: ScaleWard['groups'] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        groups.push({
          code: `${code}-${String(groups.length + 1).padStart(2, '0')}`,
          kind: urban ? 'to_dan_pho' : 'thon',
          ring: [
            at(c / cols, r / rows),
            at((c + 1) / cols, r / rows),
            at((c + 1) / cols, (r + 1) / rows),
            at(c / cols, (r + 1) / rows),
            at(c / cols, r / rows),
          ],
          households: rng.int(60, 400),
        });
      }
    }
    wards.push({ index, code, kind: urban ? 'phuong' : 'xa', ring, groups });
  });
  return wards;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function ringWkt(ring: [number, number][]): string {
  return `SRID=4326;MULTIPOLYGON(((${ring.map(([x, y]) => `${x} ${y}`).join(',')})))`;
}

/** 24 months ending with `last` (YYYY-MM), oldest first. */
export function months(count: number, last: string): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const t = y * 12 + (m - 1) - k;
    out.push(`${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/**
 * A cheap seeded count for (unit, indicator, month): small non-negative integers with a per-unit
 * level, so maps show structure. Pure function of its inputs.
 */
export function scaleValue(unitIndex: number, indicator: number, month: number, mean: number): number {
  let h = (Math.imul(unitIndex + 1, 0x9e3779b1) ^ Math.imul(indicator + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  const level = ((h & 0xffff) / 0xffff) * 2 * mean;
  h = Math.imul(h ^ Math.imul(month + 1, 0xc2b2ae35), 0x297a2d39) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  return Math.floor(level * (0.5 + (h & 0xffff) / 0xffff));
}
