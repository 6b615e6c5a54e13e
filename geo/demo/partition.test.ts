import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { partitionPolygon, type PartFeature } from './partition.ts';
import { createRng } from './random.ts';
import { nodeAndRound, tilingDefects, type MultiPolygonCoords } from './topology.ts';

type Area = Feature<Polygon | MultiPolygon>;

/** An irregular blob of about 40 km² (radius varies with three harmonics). */
function blob(): Feature<Polygon> {
  const ring: Position[] = [];
  for (let i = 0; i < 60; i++) {
    const t = (2 * Math.PI * i) / 60;
    const r = 0.03 * (1 + 0.25 * Math.cos(3 * t) + 0.1 * Math.sin(5 * t));
    ring.push([105.97 + (r * Math.cos(t)) / 0.94, 20.25 + r * Math.sin(t)]);
  }
  ring.push(ring[0] as Position);
  return turf.polygon([ring]);
}

/** A comb: convex cells cut it into detached pieces, which the partitioner must reassign. */
const comb = turf.polygon([
  [
    [105.9, 20.2],
    [105.96, 20.2],
    [105.96, 20.26],
    [105.945, 20.26],
    [105.945, 20.215],
    [105.935, 20.215],
    [105.935, 20.26],
    [105.925, 20.26],
    [105.925, 20.215],
    [105.915, 20.215],
    [105.915, 20.26],
    [105.9, 20.26],
    [105.9, 20.2],
  ],
]);

/** A square with a hole, and a separate island. */
const islands = turf.multiPolygon([
  [
    [
      [106.0, 20.0],
      [106.04, 20.0],
      [106.04, 20.04],
      [106.0, 20.04],
      [106.0, 20.0],
    ],
    [
      [106.015, 20.015],
      [106.015, 20.025],
      [106.025, 20.025],
      [106.025, 20.015],
      [106.015, 20.015],
    ],
  ],
  [
    [
      [106.05, 20.0],
      [106.07, 20.0],
      [106.07, 20.02],
      [106.05, 20.02],
      [106.05, 20.0],
    ],
  ],
]);

/** The three checks of a tiling: areas add up, no two parts overlap, the union is the input. */
function expectTiling(parts: readonly PartFeature[], input: Area): void {
  const total = turf.area(input);
  const sum = parts.reduce((s, p) => s + turf.area(p), 0);
  expect(Math.abs(sum - total) / total).toBeLessThan(1e-6);

  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const overlap = turf.intersect(
        turf.featureCollection<Polygon | MultiPolygon>([parts[i] as Area, parts[j] as Area]),
      );
      expect(overlap === null ? 0 : turf.area(overlap) / total).toBeLessThan(1e-6);
    }
  }

  const union = turf.union(turf.featureCollection<Polygon | MultiPolygon>(parts.slice() as Area[]));
  expect(union).not.toBeNull();
  const missing = turf.difference(turf.featureCollection<Polygon | MultiPolygon>([input, union as Area]));
  const extra = turf.difference(turf.featureCollection<Polygon | MultiPolygon>([union as Area, input]));
  expect(missing === null ? 0 : turf.area(missing) / total).toBeLessThan(1e-6);
  expect(extra === null ? 0 : turf.area(extra) / total).toBeLessThan(1e-6);
}

describe('partitionPolygon', () => {
  it('tiles an irregular polygon without gaps or overlaps', () => {
    for (const seed of [1, 2, 3]) {
      const parts = partitionPolygon(blob(), 12, createRng(seed));
      expect(parts).toHaveLength(12);
      parts.forEach((p, i) => expect(p.properties.index).toBe(i));
      expectTiling(parts, blob());
    }
  });

  it('tiles a concave polygon, reassigning detached pieces to a neighbour', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const parts = partitionPolygon(comb, 9, createRng(seed));
      expect(parts).toHaveLength(9);
      expectTiling(parts, comb);
      // No part is left as scattered pieces: a piece only survives if it could not be merged.
      for (const p of parts) expect(p.geometry.type).toBe('Polygon');
    }
  });

  it('tiles exactly once shared vertices are reconciled and rounded', () => {
    const coords = (g: Polygon | MultiPolygon): MultiPolygonCoords =>
      g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const [input, n] of [
      [blob(), 12],
      [comb, 9],
      [islands, 7],
    ] as const) {
      const parts = partitionPolygon(input, n, createRng(n));
      const [parent, ...children] = nodeAndRound([coords(input.geometry), ...parts.map((p) => coords(p.geometry))]);
      expect(tilingDefects(parent ?? [], children)).toEqual([]);
    }
  });

  it('tiles a multipolygon with a hole', () => {
    const parts = partitionPolygon(islands, 7, createRng(11));
    expect(parts).toHaveLength(7);
    expectTiling(parts, islands);
  });

  it('keeps the input vertices exactly', () => {
    const input = blob();
    const vertices = new Set(input.geometry.coordinates[0]?.map((p) => `${p[0]},${p[1]}`));
    const used = new Set<string>();
    for (const p of partitionPolygon(input, 8, createRng(5))) {
      for (const ring of turf.getCoords(p).flat(p.geometry.type === 'Polygon' ? 0 : 1) as Position[][]) {
        for (const q of ring) used.add(`${q[0]},${q[1]}`);
      }
    }
    for (const v of vertices) expect(used.has(v)).toBe(true);
  });

  it('makes cells of similar size by default and follows target shares when given', () => {
    const equal = partitionPolygon(blob(), 10, createRng(3)).map((p) => turf.area(p));
    expect(Math.min(...equal) / Math.max(...equal)).toBeGreaterThan(0.8);

    const shares = [1, 2, 4, 8, 3];
    const total = turf.area(blob());
    const parts = partitionPolygon(blob(), shares.length, createRng(4), { shares });
    parts.forEach((p, i) => {
      const target = (total * (shares[i] ?? 0)) / 18;
      expect(Math.abs(turf.area(p) / target - 1)).toBeLessThan(0.1);
    });
  });

  it('is a pure function of the random stream', () => {
    const a = partitionPolygon(blob(), 6, createRng(9));
    const b = partitionPolygon(blob(), 6, createRng(9));
    const c = partitionPolygon(blob(), 6, createRng(10));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('returns the input for one part and rejects bad arguments', () => {
    const [only] = partitionPolygon(comb, 1, createRng(1));
    expect(only?.geometry).toEqual(comb.geometry);
    expect(() => partitionPolygon(comb, 0, createRng(1))).toThrow(RangeError);
    expect(() => partitionPolygon(comb, 3, createRng(1), { shares: [1, 2] })).toThrow(RangeError);
    expect(() => partitionPolygon(comb, 2, createRng(1), { shares: [1, 0] })).toThrow(RangeError);
  });
});
