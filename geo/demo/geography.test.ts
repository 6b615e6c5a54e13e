import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { polygonDefects, tilingDefects } from './topology.ts';
import { generateDemo } from './index.ts';
import type { DemoUnit } from './types.ts';

const demo = generateDemo();
const byKey = new Map(demo.units.map((u) => [u.key, u]));
const unit = (key: string): DemoUnit => {
  const u = byKey.get(key);
  if (!u) throw new Error(`missing unit ${key}`);
  return u;
};
const feature = (u: DemoUnit): Feature<MultiPolygon> => turf.feature(u.geometry);
const area = (u: DemoUnit): number => turf.area(feature(u));

const city = unit('c:369');
const oldWards = demo.units.filter((u) => /^w:\d{5}:2017$/.test(u.key));
const newWards = demo.units.filter((u) => /^w:\d{5}:2025$/.test(u.key));
const groups = demo.units.filter((u) => u.key.startsWith('g:'));
const groupsOf = (wardCode: string): DemoUnit[] => groups.filter((g) => g.code.startsWith(`${wardCode}-`));
const PREDECESSORS: Record<string, string[]> = {
  '14329': ['14320', '14323', '14326', '14329', '14332', '14335', '14338', '14341', '14344', '14347', '14350'],
  '14359': ['14356', '14359'],
  '14566': ['14353'],
};

function overlaps(a: DemoUnit, b: DemoUnit): boolean {
  const [ax0, ay0, ax1, ay1] = turf.bbox(a.geometry);
  const [bx0, by0, bx1, by1] = turf.bbox(b.geometry);
  return ax0 <= bx1 && bx0 <= ax1 && ay0 <= by1 && by0 <= ay1;
}

/** Areas add up, no two children overlap, and their union is the parent (all within 1e-6 of its area). */
function expectTiling(parent: DemoUnit, children: readonly DemoUnit[]): void {
  const total = area(parent);
  const sum = children.reduce((s, c) => s + area(c), 0);
  expect(Math.abs(sum - total) / total).toBeLessThan(1e-6);
  for (let i = 0; i < children.length; i++) {
    for (let j = i + 1; j < children.length; j++) {
      const a = children[i] as DemoUnit;
      const b = children[j] as DemoUnit;
      if (!overlaps(a, b)) continue;
      const shared = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([feature(a), feature(b)]));
      expect(shared === null ? 0 : turf.area(shared) / total).toBeLessThan(1e-6);
    }
  }
  const union =
    children.length === 1
      ? feature(children[0] as DemoUnit)
      : turf.union(turf.featureCollection<Polygon | MultiPolygon>(children.map(feature)));
  expect(union).not.toBeNull();
  const u = union as Feature<Polygon | MultiPolygon>;
  const missing = turf.difference(turf.featureCollection<Polygon | MultiPolygon>([feature(parent), u]));
  const extra = turf.difference(turf.featureCollection<Polygon | MultiPolygon>([u, feature(parent)]));
  expect(missing === null ? 0 : turf.area(missing) / total).toBeLessThan(1e-6);
  expect(extra === null ? 0 : turf.area(extra) / total).toBeLessThan(1e-6);
  // And exactly: inner edges cancel and the remaining edges are the parent's boundary.
  expect(
    tilingDefects(
      parent.geometry.coordinates,
      children.map((c) => c.geometry.coordinates),
    ),
  ).toEqual([]);
}

describe('demo geography', () => {
  it('has an irregular, city-sized outline around 20.25°N 105.97°E', () => {
    const km2 = area(city) / 1e6;
    expect(km2).toBeGreaterThanOrEqual(45);
    expect(km2).toBeLessThanOrEqual(50);
    const [x0, y0, x1, y1] = turf.bbox(city.geometry);
    const box = turf.area(turf.bboxPolygon([x0, y0, x1, y1]));
    expect(area(city) / box).toBeLessThan(0.85); // not a rectangle
    expect(city.geometry.coordinates).toHaveLength(1);
    expect(city.geometry.coordinates[0]?.[0]?.length).toBeGreaterThan(20);
    const [cx, cy] = turf.centroid(feature(city)).geometry.coordinates as [number, number];
    expect(Math.abs(cx - 105.97)).toBeLessThan(0.03);
    expect(Math.abs(cy - 20.25)).toBeLessThan(0.03);
    expect(unit('p:37').geometry).toEqual(city.geometry);
  });

  it('stores valid MultiPolygons with at most 7 decimals', () => {
    for (const u of demo.units) {
      expect(u.geometry.type).toBe('MultiPolygon');
      expect(polygonDefects(u.geometry.coordinates)).toEqual([]);
      expect(turf.kinks(feature(u)).features).toHaveLength(0);
      for (const polygon of u.geometry.coordinates) {
        for (const ring of polygon) {
          for (const p of ring) {
            for (const v of p) expect(Math.abs(v * 1e7 - Math.round(v * 1e7))).toBeLessThan(1e-6);
          }
        }
      }
    }
  });

  it('tiles the city with the 14 wards of 2017', () => {
    expect(oldWards).toHaveLength(14);
    expectTiling(city, oldWards);
  });

  it('tiles the city with the 3 wards of 2025', () => {
    expect(newWards).toHaveLength(3);
    expectTiling(city, newWards);
  });

  it('makes each 2025 ward exactly the union of its predecessors', () => {
    for (const [code, predecessors] of Object.entries(PREDECESSORS)) {
      const successor = unit(`w:${code}:2025`);
      const parts = predecessors.map((c) => unit(`w:${c}:2017`));
      const sum = parts.reduce((s, p) => s + area(p), 0);
      expect(Math.abs(sum - area(successor)) / area(successor)).toBeLessThan(1e-6);
      expectTiling(successor, parts);
    }
  });

  it('tiles every ward with its residential groups (183 in all)', () => {
    expect(groups).toHaveLength(183);
    for (const w of oldWards) {
      const members = groupsOf(w.code);
      expect(members.length).toBeGreaterThanOrEqual(6);
      expectTiling(w, members);
    }
  });

  it('draws central urban wards smaller than rural communes, with plausible relative sizes', () => {
    const core = ['14329', '14326', '14335', '14320', '14323', '14338', '14341'].map((c) => area(unit(`w:${c}:2017`)));
    const communes = oldWards.filter((w) => w.kind === 'xa').map(area);
    expect(communes).toHaveLength(3);
    expect(Math.max(...core)).toBeLessThan(Math.min(...communes));
    // Groups are denser in the core than in the communes.
    const density = (w: DemoUnit): number => groupsOf(w.code).length / area(w);
    const coreDensity = Math.min(...['14329', '14326', '14335'].map((c) => density(unit(`w:${c}:2017`))));
    const communeDensity = Math.max(...oldWards.filter((w) => w.kind === 'xa').map(density));
    expect(coreDensity).toBeGreaterThan(2 * communeDensity);
    // Hoa Lư (11 wards) is the largest successor, as on the real map.
    const sizes = newWards.map((w) => ({ code: w.code, a: area(w) })).sort((a, b) => b.a - a.a);
    expect(sizes[0]?.code).toBe('14329');
  });

  it('keeps the outline for every seed but redraws the inner boundaries', () => {
    const other = generateDemo(7);
    const otherCity = other.units.find((u) => u.key === 'c:369');
    const otherWard = other.units.find((u) => u.key === 'w:14332:2017');
    // Same outline; only where inner boundaries meet it are vertices added (on its edges).
    expect(Math.abs(area(otherCity as DemoUnit) / area(city) - 1)).toBeLessThan(1e-6);
    const corners = new Set(otherCity?.geometry.coordinates[0]?.[0]?.map((p) => p.join(',')));
    const shared = city.geometry.coordinates[0]?.[0]?.filter((p) => corners.has(p.join(','))).length ?? 0;
    expect(shared).toBeGreaterThanOrEqual(100);
    expect(otherWard?.geometry).not.toEqual(unit('w:14332:2017').geometry);
  });
});
