import type { Position } from 'geojson';
import { ringArea, ringIsSimple, segmentDistance2, type Pt } from './planar.ts';

/**
 * Shared-boundary bookkeeping for a family of polygons that tile each other (city → wards →
 * groups). Clipping computes a vertex where a boundary meets another separately for each polygon,
 * so neighbours end up with vertices that differ in the last bits, and a child's vertex on its
 * parent's edge is missing from the parent (a T-junction). Rounding such coordinates would open
 * slivers. `nodeAndRound` makes every shared boundary use the very same vertex sequence on both
 * sides and only then rounds, so rounding moves both sides identically and no gap can open.
 */
export type MultiPolygonCoords = Position[][][];

export interface NodeOptions {
  /** Decimal places kept (7 ≈ 1 cm). */
  decimals?: number;
  /** Vertices closer than this (in coordinate units) are the same vertex; vertices this close to an edge lie on it. */
  tolerance?: number;
}

type OpenRing = Pt[];

export function nodeAndRound(
  geometries: readonly MultiPolygonCoords[],
  options: NodeOptions = {},
): MultiPolygonCoords[] {
  const decimals = options.decimals ?? 7;
  const tol = options.tolerance ?? 1e-9;
  const open = geometries.map((g) => g.map((polygon) => polygon.map(openRing)));

  // 1. Snap vertices that are the same point up to floating-point noise onto one representative.
  const canon = new VertexIndex(tol * 4);
  const snapped = open.map((g) =>
    g.map((polygon) => polygon.map((ring) => cleanRing(ring.map((p) => canon.snap(p, tol))))),
  );

  // 2. Insert into every edge the vertices of other polygons that lie on it.
  const edgeIndex = new VertexIndex(cellSizeFor(canon.points));
  for (const p of canon.points) edgeIndex.add(p);
  const noded = snapped.map((g) =>
    g.map((polygon) => polygon.map((ring) => cleanRing(insertOnEdges(ring, edgeIndex, tol)))),
  );

  // 3. Round; identical inputs round identically, so shared boundaries stay shared.
  const f = 10 ** decimals;
  const round = (v: number): number => Math.round(v * f) / f;
  return noded.map((g) => {
    const out: MultiPolygonCoords = [];
    for (const polygon of g) {
      const rings = polygon.map((ring) => cleanRing(ring.map((p) => [round(p[0]), round(p[1])] as Pt)));
      // A part (or hole) thinner than the rounding step vanishes rather than turning into a spike.
      if ((rings[0]?.length ?? 0) < 3) continue;
      out.push(rings.filter((ring) => ring.length >= 3).map((ring, k) => closeRing(orient(ring, k === 0))));
    }
    return out;
  });
}

/**
 * Problems that keep `children` from tiling `parent` exactly; empty when they do.
 *
 * Exact test: with every ring simple and oriented (outer counter-clockwise, holes clockwise), the
 * children tile the parent iff the sum of their boundaries equals the parent's boundary as chains
 * of directed edges (inner edges cancel in pairs). Summing winding numbers then gives 1 inside the
 * parent and 0 outside, so there is neither a gap nor an overlap. It needs the shared vertices of
 * `nodeAndRound`; it does not tolerate near-misses.
 */
export function tilingDefects(parent: MultiPolygonCoords, children: readonly MultiPolygonCoords[]): string[] {
  const defects = [...polygonDefects(parent).map((d) => `parent: ${d}`)];
  children.forEach((c, i) => defects.push(...polygonDefects(c).map((d) => `child ${i}: ${d}`)));
  const net = new Map<string, number>();
  const add = (g: MultiPolygonCoords, sign: number): void => {
    for (const polygon of g) {
      for (const ring of polygon) {
        for (let k = 0; k + 1 < ring.length; k++) {
          const a = key(ring[k] as Position);
          const b = key(ring[k + 1] as Position);
          const [lo, hi, dir] = a < b ? [a, b, 1] : [b, a, -1];
          const edge = `${lo}|${hi}`;
          net.set(edge, (net.get(edge) ?? 0) + sign * dir);
        }
      }
    }
  };
  for (const c of children) add(c, 1);
  add(parent, -1);
  let unmatched = 0;
  for (const v of net.values()) if (v !== 0) unmatched++;
  if (unmatched > 0) defects.push(`${unmatched} edges do not cancel (gap, overlap or boundary mismatch)`);
  return defects;
}

/** Rings closed, at least 4 positions, simple, outer rings counter-clockwise and holes clockwise. */
export function polygonDefects(g: MultiPolygonCoords): string[] {
  const defects: string[] = [];
  if (g.length === 0) defects.push('empty');
  g.forEach((polygon, pi) =>
    polygon.forEach((ring, ri) => {
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (ring.length < 4 || first === undefined || last === undefined) {
        defects.push(`polygon ${pi} ring ${ri}: fewer than 4 positions`);
        return;
      }
      if (first[0] !== last[0] || first[1] !== last[1]) defects.push(`polygon ${pi} ring ${ri}: not closed`);
      const o = openRing(ring);
      if (!ringIsSimple(o)) defects.push(`polygon ${pi} ring ${ri}: not simple`);
      const a = centredArea(o);
      if (ri === 0 ? !(a > 0) : !(a < 0)) defects.push(`polygon ${pi} ring ${ri}: wrong orientation`);
    }),
  );
  return defects;
}

function key(p: Position): string {
  return `${p[0]},${p[1]}`;
}

function openRing(ring: Position[]): OpenRing {
  const pts = ring.map((p) => [p[0] as number, p[1] as number] as Pt);
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (pts.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) pts.pop();
  return pts;
}

function closeRing(ring: OpenRing): Position[] {
  const out = ring.map((p) => [p[0], p[1]]);
  const first = ring[0];
  if (first) out.push([first[0], first[1]]);
  return out;
}

/** Shoelace about the first vertex: raw lon/lat products lose digits to cancellation. */
function centredArea(ring: OpenRing): number {
  const o = ring[0];
  if (!o) return 0;
  return ringArea(ring.map((p) => [p[0] - o[0], p[1] - o[1]] as Pt));
}

function orient(ring: OpenRing, outer: boolean): OpenRing {
  const ccw = centredArea(ring) > 0;
  return ccw === outer ? ring : ring.slice().reverse();
}

/** Drops repeated consecutive vertices and back-and-forth spikes (a, b, a) until none is left. */
function cleanRing(ring: OpenRing): OpenRing {
  let pts = ring.slice();
  for (let changed = true; changed && pts.length > 0;) {
    changed = false;
    const out: OpenRing = [];
    for (const p of pts) {
      const prev = out[out.length - 1];
      if (prev && prev[0] === p[0] && prev[1] === p[1]) {
        changed = true;
        continue;
      }
      const prev2 = out[out.length - 2];
      if (prev2 && prev2[0] === p[0] && prev2[1] === p[1]) {
        out.pop();
        changed = true;
        continue;
      }
      out.push(p);
    }
    // The ring wraps around: check the seam too.
    while (out.length >= 2) {
      const first = out[0] as Pt;
      const last = out[out.length - 1] as Pt;
      const second = out[1] as Pt;
      const beforeLast = out[out.length - 2] as Pt;
      if (first[0] === last[0] && first[1] === last[1]) out.pop();
      else if (second[0] === last[0] && second[1] === last[1]) out.shift();
      else if (beforeLast[0] === first[0] && beforeLast[1] === first[1]) out.pop();
      else break;
      changed = true;
    }
    pts = out;
  }
  return pts.length >= 3 ? pts : [];
}

function insertOnEdges(ring: OpenRing, index: VertexIndex, tol: number): OpenRing {
  const out: OpenRing = [];
  const tol2 = tol * tol;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Pt;
    const b = ring[(i + 1) % ring.length] as Pt;
    out.push(a);
    const found: { t: number; p: Pt }[] = [];
    for (const p of index.near(a, b, tol)) {
      if ((p[0] === a[0] && p[1] === a[1]) || (p[0] === b[0] && p[1] === b[1])) continue;
      const { d2, t } = segmentDistance2(p, a, b);
      if (d2 <= tol2 && t > 0 && t < 1) found.push({ t, p });
    }
    found.sort((x, y) => x.t - y.t);
    for (const f of found) out.push(f.p);
  }
  return out;
}

function cellSizeFor(points: readonly Pt[]): number {
  let minX = Infinity;
  let maxX = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p[0]);
    maxX = Math.max(maxX, p[0]);
  }
  const span = maxX - minX;
  return span > 0 ? span / 64 : 1;
}

/** A uniform grid over vertices, for "which vertices are near this point / segment". */
class VertexIndex {
  readonly points: Pt[] = [];
  private readonly cells = new Map<string, Pt[]>();
  constructor(private readonly size: number) {}

  add(p: Pt): void {
    const k = `${Math.floor(p[0] / this.size)},${Math.floor(p[1] / this.size)}`;
    const list = this.cells.get(k);
    if (list) list.push(p);
    else this.cells.set(k, [p]);
    this.points.push(p);
  }

  /** The first registered vertex within `tol` of p, or p itself (registered) if none. */
  snap(p: Pt, tol: number): Pt {
    const cx = Math.floor(p[0] / this.size);
    const cy = Math.floor(p[1] / this.size);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const q of this.cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (Math.abs(q[0] - p[0]) <= tol && Math.abs(q[1] - p[1]) <= tol) return q;
        }
      }
    }
    this.add(p);
    return p;
  }

  /** Vertices in the cells covering the segment's bounding box grown by tol. */
  *near(a: Pt, b: Pt, tol: number): Generator<Pt> {
    const x0 = Math.floor((Math.min(a[0], b[0]) - tol) / this.size);
    const x1 = Math.floor((Math.max(a[0], b[0]) + tol) / this.size);
    const y0 = Math.floor((Math.min(a[1], b[1]) - tol) / this.size);
    const y1 = Math.floor((Math.max(a[1], b[1]) + tol) / this.size);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        yield* this.cells.get(`${x},${y}`) ?? [];
      }
    }
  }
}
