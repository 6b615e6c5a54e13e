/**
 * Polygon rings must be closed (first position = last) and hold at least four positions. PostGIS
 * parses an unclosed GeoJSON ring without complaint and would store and serve it (invalid GeoJSON,
 * an empty preview), so rings are checked as the file is read, before anything reaches the
 * database: refused with the polygon and ring named, or closed when repairs are accepted.
 */

type Position = number[];

export interface RingProblem {
  /** 1-based polygon (of a MultiPolygon) and ring (1 = outer) numbers. */
  polygon: number;
  ring: number;
  kind: 'unclosed' | 'too_short';
}

const same = (a: Position | undefined, b: Position | undefined) =>
  !!a && !!b && a.length >= 2 && b.length >= 2 && a[0] === b[0] && a[1] === b[1];

/**
 * Checks the rings of a GeoJSON Polygon or MultiPolygon; with `repair`, closes unclosed rings in
 * place (appending the first position). Other geometry types are left to the type check.
 */
export function checkRings(geometry: unknown, repair: boolean): RingProblem[] {
  const g = geometry as { type?: unknown; coordinates?: unknown };
  const polygons =
    g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : null;
  if (!Array.isArray(polygons)) return [];
  const problems: RingProblem[] = [];
  polygons.forEach((rings, p) => {
    if (!Array.isArray(rings)) return;
    rings.forEach((ring: unknown, r) => {
      if (!Array.isArray(ring)) return;
      const positions = ring as Position[];
      if (!same(positions[0], positions.at(-1))) {
        problems.push({ polygon: p + 1, ring: r + 1, kind: 'unclosed' });
        if (repair && Array.isArray(positions[0])) positions.push([...positions[0]]);
      }
      if (positions.length < 4) problems.push({ polygon: p + 1, ring: r + 1, kind: 'too_short' });
    });
  });
  return problems;
}

/** The same check on WKT (CSV files): POLYGON and MULTIPOLYGON rings, repaired by rewriting the text. */
export function checkWktRings(wkt: string, repair: boolean): { problems: RingProblem[]; wkt: string } {
  const type = /^\s*(?:SRID=\d+;\s*)?(MULTIPOLYGON|POLYGON)\b/i.exec(wkt)?.[1]?.toUpperCase();
  if (!type) return { problems: [], wkt };
  const problems: RingProblem[] = [];
  let polygon = 1;
  let ring = 0;
  let depth = 0;
  // Rings are the innermost parenthesised lists; a polygon ends where its depth closes.
  const ringDepth = type === 'POLYGON' ? 2 : 3;
  let out = '';
  let i = 0;
  while (i < wkt.length) {
    const c = wkt[i]!;
    if (c === '(') {
      depth++;
      if (depth === ringDepth) {
        const end = wkt.indexOf(')', i);
        if (end < 0) return { problems, wkt };
        ring++;
        const body = wkt.slice(i + 1, end);
        const points = body.split(',').map((s) => s.trim().split(/\s+/).map(Number));
        let fixed = body;
        let count = points.length;
        if (!same(points[0], points.at(-1))) {
          problems.push({ polygon, ring, kind: 'unclosed' });
          if (repair) {
            fixed = `${body}, ${body.split(',')[0]!.trim()}`;
            count++;
          }
        }
        if (count < 4) problems.push({ polygon, ring, kind: 'too_short' });
        out += `(${fixed})`;
        i = end + 1;
        depth--;
        continue;
      }
    } else if (c === ')') {
      depth--;
      if (depth === ringDepth - 2) {
        polygon++;
        ring = 0;
      }
    }
    out += c;
    i++;
  }
  return { problems, wkt: repair ? out : wkt };
}

/** The message for a ring problem, naming the polygon (of a MultiPolygon) and the ring. */
export function ringMessage(p: RingProblem, repaired: boolean, multi: boolean): string {
  const where = `${multi ? `đa giác ${p.polygon}, ` : ''}vòng ${p.ring}${p.ring === 1 ? ' (ngoài)' : ''}`;
  const whereEn = `${multi ? `polygon ${p.polygon}, ` : ''}ring ${p.ring}${p.ring === 1 ? ' (outer)' : ''}`;
  if (p.kind === 'too_short') {
    return `Vòng có ít hơn 4 điểm (${where}) / ring with fewer than 4 positions (${whereEn})`;
  }
  return repaired
    ? `Vòng không khép kín đã được khép lại (${where}) / unclosed ring repaired by closing it (${whereEn})`
    : `Vòng không khép kín: điểm đầu khác điểm cuối (${where}); chọn "sửa tự động" (repair=true) để khép lại / ` +
        `ring not closed: first position differs from the last (${whereEn}); repair=true closes it`;
}
