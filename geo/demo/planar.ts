/**
 * Planar helpers on open rings (no repeated closing vertex). They work in whatever plane the
 * caller hands in; the partitioner uses a local metric projection so that distances are in metres.
 */
export type Pt = readonly [number, number];
export type Ring = Pt[];

/** Signed shoelace area: positive for counter-clockwise rings. */
export function ringArea(ring: readonly Pt[]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i] as Pt;
    const [x2, y2] = ring[(i + 1) % n] as Pt;
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

/** Signed area and first moments, so that rings (outer rings and holes) can be summed. */
export function ringMoments(ring: readonly Pt[]): { area: number; mx: number; my: number } {
  let a = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i] as Pt;
    const [x2, y2] = ring[(i + 1) % n] as Pt;
    const c = x1 * y2 - x2 * y1;
    a += c;
    mx += (x1 + x2) * c;
    my += (y1 + y2) * c;
  }
  return { area: a / 2, mx: mx / 6, my: my / 6 };
}

/**
 * Sutherland–Hodgman: keeps the part of `ring` where a·x + b·y <= c. For a non-convex ring the
 * result may contain zero-width bridges along the line; its signed area and moments are still
 * exact, which is all the partitioner's relaxation needs.
 */
export function clipRing(ring: readonly Pt[], a: number, b: number, c: number): Ring {
  const out: Ring = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const p = ring[i] as Pt;
    const q = ring[(i + 1) % n] as Pt;
    const dp = a * p[0] + b * p[1] - c;
    const dq = a * q[0] + b * q[1] - c;
    if (dp <= 0) out.push(p);
    if ((dp < 0 && dq > 0) || (dp > 0 && dq < 0)) {
      const t = dp / (dp - dq);
      out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
    }
  }
  return out;
}

/** Even–odd point in polygon over all rings (outer rings and holes alike). */
export function pointInRings(pt: Pt, rings: readonly (readonly Pt[])[]): boolean {
  let inside = false;
  const [x, y] = pt;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as Pt;
      const [xj, yj] = ring[j] as Pt;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Squared distance from p to the segment a–b, and the position t of the nearest point on it. */
export function segmentDistance2(p: Pt, a: Pt, b: Pt): { d2: number; t: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  const tc = Math.max(0, Math.min(1, t));
  const ex = a[0] + tc * dx - p[0];
  const ey = a[1] + tc * dy - p[1];
  return { d2: ex * ex + ey * ey, t };
}

function orient(a: Pt, b: Pt, c: Pt): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function onSegment(a: Pt, b: Pt, p: Pt): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** Do the closed segments p1–p2 and q1–q2 share at least one point? */
export function segmentsTouch(p1: Pt, p2: Pt, q1: Pt, q2: Pt): boolean {
  const d1 = orient(q1, q2, p1);
  const d2 = orient(q1, q2, p2);
  const d3 = orient(p1, p2, q1);
  const d4 = orient(p1, p2, q2);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && onSegment(q1, q2, p1)) ||
    (d2 === 0 && onSegment(q1, q2, p2)) ||
    (d3 === 0 && onSegment(p1, p2, q1)) ||
    (d4 === 0 && onSegment(p1, p2, q2))
  );
}

/**
 * A ring is simple when it has at least three distinct vertices, no repeated vertex and no two
 * non-adjacent edges touching. O(n²) with a bounding-box reject: rings here have at most a few
 * hundred vertices.
 */
export function ringIsSimple(ring: readonly Pt[]): boolean {
  const n = ring.length;
  if (n < 3) return false;
  const seen = new Set<string>();
  for (const p of ring) {
    const k = `${p[0]},${p[1]}`;
    if (seen.has(k)) return false;
    seen.add(k);
  }
  const boxes = ring.map((p, i) => {
    const q = ring[(i + 1) % n] as Pt;
    return [Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1])] as const;
  });
  for (let i = 0; i < n; i++) {
    const bi = boxes[i] as readonly number[];
    for (let j = i + 1; j < n; j++) {
      // Adjacent edges share a vertex by construction.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      const bj = boxes[j] as readonly number[];
      if ((bi[2] as number) < (bj[0] as number) || (bj[2] as number) < (bi[0] as number)) continue;
      if ((bi[3] as number) < (bj[1] as number) || (bj[3] as number) < (bi[1] as number)) continue;
      if (segmentsTouch(ring[i] as Pt, ring[(i + 1) % n] as Pt, ring[j] as Pt, ring[(j + 1) % n] as Pt)) return false;
    }
  }
  // Adjacent edges folding back onto each other (a spike) also make a ring non-simple.
  for (let i = 0; i < n; i++) {
    const a = ring[(i + n - 1) % n] as Pt;
    const b = ring[i] as Pt;
    const c = ring[(i + 1) % n] as Pt;
    if (orient(a, b, c) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) return false;
  }
  return true;
}
