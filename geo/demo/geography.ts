import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { partitionPolygon } from './partition.ts';
import { createRng, type Rng } from './random.ts';
import { nodeAndRound, tilingDefects, type MultiPolygonCoords } from './topology.ts';
import { CITY_CENTRE, SUCCESSORS_2025, WARDS_2017, type WardSpec } from './city.ts';

/**
 * The synthetic map: an irregular city outline split into the three 2025 successor regions, each
 * region into its 2017 wards, each ward into its residential groups. Partitioning top-down makes
 * every successor exactly the union of its predecessors, and every ward the union of its groups.
 */
export interface DemoGeography {
  city: MultiPolygonCoords;
  /** By successor code (2025). */
  successors: ReadonlyMap<string, MultiPolygonCoords>;
  /** By 2017 ward code. */
  wards: ReadonlyMap<string, MultiPolygonCoords>;
  /** By 2017 ward code: the groups in numbering order (index 0 is group 01). */
  groups: ReadonlyMap<string, readonly MultiPolygonCoords[]>;
}

const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON = 111.32 * Math.cos((CITY_CENTRE[1] * Math.PI) / 180);

/** Hand-drawn corners of the outline (km east/north of the centre), counter-clockwise. */
const OUTLINE_KM: readonly (readonly [number, number])[] = [
  [5.0, -1.4],
  [4.6, -0.2],
  [3.6, 0.3],
  [2.7, 1.2],
  [2.2, 2.3],
  [1.2, 2.7],
  [0.7, 3.7],
  [-0.3, 4.4],
  [-1.5, 4.6],
  [-2.4, 3.9],
  [-3.1, 3.0],
  [-4.0, 2.4],
  [-4.5, 1.2],
  [-4.3, 0.0],
  [-4.7, -1.0],
  [-4.0, -1.9],
  [-3.0, -2.5],
  [-2.7, -3.6],
  [-1.9, -4.4],
  [-0.7, -4.6],
  [0.5, -4.3],
  [1.6, -4.5],
  [2.4, -3.5],
  [3.2, -3.0],
  [4.2, -2.6],
];

/** Sum of the wards' target areas, which the outline is scaled to. */
export const CITY_AREA_KM2 = WARDS_2017.reduce((s, w) => s + w.areaKm2, 0);

/**
 * The city outline, the same for every seed so the demo city keeps its shape: the hand-drawn
 * corners with two rounds of fixed midpoint displacement (so edges look like surveyed boundaries
 * rather than a sketch), scaled to CITY_AREA_KM2 and rounded to 7 decimals.
 */
export function cityOutline(): Polygon {
  const rng = createRng('ninh-binh-outline');
  let ring: [number, number][] = OUTLINE_KM.map(([x, y]) => [x, y]);
  for (const amplitude of [0.08, 0.05]) {
    const next: [number, number][] = [];
    ring.forEach((a, i) => {
      const b = ring[(i + 1) % ring.length] as [number, number];
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const off = rng.uniform(-amplitude, amplitude);
      const t = rng.uniform(0.4, 0.6);
      next.push(a, [a[0] + dx * t - dy * off, a[1] + dy * t + dx * off]);
    });
    ring = next;
  }
  let area = 0;
  ring.forEach((a, i) => {
    const b = ring[(i + 1) % ring.length] as [number, number];
    area += (a[0] * b[1] - b[0] * a[1]) / 2;
  });
  const scale = Math.sqrt(CITY_AREA_KM2 / area);
  const coords: Position[] = ring.map(([x, y]) => kmToLonLat([x * scale, y * scale]));
  coords.push(coords[0] as Position);
  return { type: 'Polygon', coordinates: [coords] };
}

function kmToLonLat([x, y]: readonly [number, number]): Position {
  return [round7(CITY_CENTRE[0] + x / KM_PER_DEG_LON), round7(CITY_CENTRE[1] + y / KM_PER_DEG_LAT)];
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

export function buildGeography(rng: Rng): DemoGeography {
  // Noding and rounding can, very rarely, fold a vertex that sat within a centimetre of a foreign
  // edge; such an attempt fails the exact tiling check and the next (seeded) attempt is used.
  const failures: string[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const result = attemptGeography(attempt === 0 ? rng : rng.fork(`geography-attempt-${attempt}`));
    if (Array.isArray(result)) failures.push(...result.slice(0, 3));
    else return result;
  }
  throw new Error(`buildGeography(): no valid tiling (${failures.join('; ')})`);
}

function attemptGeography(rng: Rng): DemoGeography | string[] {
  const outline = cityOutline();
  const regionSpecs = SUCCESSORS_2025.map((s) => {
    const wards = WARDS_2017.filter((w) => w.successor === s.code);
    const area = wards.reduce((a, w) => a + w.areaKm2, 0);
    const anchor: [number, number] = [
      wards.reduce((a, w) => a + w.anchor[0] * w.areaKm2, 0) / area,
      wards.reduce((a, w) => a + w.anchor[1] * w.areaKm2, 0) / area,
    ];
    return { code: s.code, wards, area, anchor };
  });

  const regions = partitionPolygon(outline, regionSpecs.length, rng.fork('regions'), {
    shares: regionSpecs.map((r) => r.area),
    sites: regionSpecs.map((r) => kmToLonLat(r.anchor)),
  });

  const wardParts = new Map<string, Feature<Polygon | MultiPolygon>>();
  regionSpecs.forEach((r, i) => {
    const parts = partitionPolygon(
      regions[i] as Feature<Polygon | MultiPolygon>,
      r.wards.length,
      rng.fork(`wards-${r.code}`),
      {
        shares: r.wards.map((w) => w.areaKm2),
        sites: r.wards.map((w) => kmToLonLat(w.anchor)),
      },
    );
    r.wards.forEach((w, k) => wardParts.set(w.code, parts[k] as Feature<Polygon | MultiPolygon>));
  });

  const groupParts = new Map<string, Feature<Polygon | MultiPolygon>[]>();
  for (const w of WARDS_2017) {
    const groupRng = rng.fork(`groups-${w.code}`);
    // Residential groups are drawn around a similar number of households, so their areas vary
    // moderately; hamlets in communes vary more.
    const shares = Array.from({ length: w.groups }, () => groupRng.logNormal(1, w.kind === 'xa' ? 0.4 : 0.28));
    groupParts.set(
      w.code,
      partitionPolygon(wardParts.get(w.code) as Feature<Polygon | MultiPolygon>, w.groups, groupRng, { shares }),
    );
  }

  // Node and round every level together so that shared boundaries stay identical.
  const all: MultiPolygonCoords[] = [asMulti(outline)];
  regions.forEach((r) => all.push(asMulti(r.geometry)));
  for (const w of WARDS_2017) all.push(asMulti((wardParts.get(w.code) as Feature<Polygon | MultiPolygon>).geometry));
  for (const w of WARDS_2017) for (const g of groupParts.get(w.code) ?? []) all.push(asMulti(g.geometry));
  const [city, ...rest] = nodeAndRound(all);
  const regionGeoms = rest.slice(0, regionSpecs.length);
  const wardGeoms = rest.slice(regionSpecs.length, regionSpecs.length + WARDS_2017.length);
  let cursor = regionSpecs.length + WARDS_2017.length;

  const successors = new Map<string, MultiPolygonCoords>();
  const wards = new Map<string, MultiPolygonCoords>();
  const groups = new Map<string, MultiPolygonCoords[]>();
  regionSpecs.forEach((r, i) => successors.set(r.code, regionGeoms[i] as MultiPolygonCoords));
  WARDS_2017.forEach((w, i) => wards.set(w.code, wardGeoms[i] as MultiPolygonCoords));
  for (const w of WARDS_2017) {
    const list = rest.slice(cursor, cursor + w.groups);
    cursor += w.groups;
    groups.set(w.code, numberingOrder(list, w));
  }

  const defects: string[] = [];
  const check = (label: string, parent: MultiPolygonCoords | undefined, children: MultiPolygonCoords[]): void => {
    for (const d of tilingDefects(parent ?? [], children)) defects.push(`${label}: ${d}`);
  };
  check('city', city, [...successors.values()]);
  for (const r of regionSpecs)
    check(
      `region ${r.code}`,
      successors.get(r.code),
      r.wards.map((w) => wards.get(w.code) ?? []),
    );
  for (const w of WARDS_2017) check(`ward ${w.code}`, wards.get(w.code), groups.get(w.code) ?? []);
  if (defects.length > 0) return defects;
  return { city: city ?? [], successors, wards, groups };
}

function asMulti(g: Polygon | MultiPolygon): MultiPolygonCoords {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/**
 * Numbers groups in reading order, north to south in bands, alternating direction in each band
 * so that consecutive numbers are neighbours — as group numbering tends to run along streets.
 */
function numberingOrder(list: MultiPolygonCoords[], w: WardSpec): MultiPolygonCoords[] {
  const centres = list.map((g) => turf.centroid(turf.multiPolygon(g)).geometry.coordinates as [number, number]);
  const ys = centres.map((c) => c[1]);
  const top = Math.max(...ys);
  const bottom = Math.min(...ys);
  const bands = Math.max(1, Math.round(Math.sqrt(w.groups)));
  const height = (top - bottom) / bands || 1;
  return list
    .map((g, i) => {
      const c = centres[i] as [number, number];
      const band = Math.min(bands - 1, Math.floor((top - c[1]) / height));
      return { g, band, x: band % 2 === 0 ? c[0] : -c[0] };
    })
    .sort((a, b) => a.band - b.band || a.x - b.x)
    .map((e) => e.g);
}
