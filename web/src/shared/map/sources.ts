/**
 * The one cache of what maps are drawn from, shared by the map page, presentation and exports for
 * the page's life (the page reloads on sign-out, so nothing outlives the session): the indicator
 * catalogue, the boundary versions of each level and the place, the values matrices (every period of an indicator in one request), the unit
 * boundaries and unit lists per level and boundary version, and the hotspot lists. Exporting or
 * presenting what the map shows fetches nothing again. A failure is not remembered: the next call
 * asks again.
 */
import { todayInVietnam } from '../../../../geo/periods.ts';
import { fetchBoundaryVersions, fetchHotspots, fetchIndicators, fetchPlace, fetchUnits } from '../api/reads.ts';
import { createMatrixLoader, needsParts, type Measure, type MatrixLoader, type ValueSources } from '../api/matrix.ts';
import type { BoundaryVersion, Hotspot, Indicator, MapLevel, Place, UnitsCollection } from '../api/types.ts';
import { fetchUnitList, type UnitListItem } from './unitList.ts';
import { hotspotListDate } from './versions.ts';
import { rangeOf } from './viewModel.ts';

export interface Catalogue {
  indicators: Indicator[];
  demo: boolean;
}

export interface SourceFetchers {
  catalogue: () => Promise<Catalogue>;
  units: (level: MapLevel, at: string) => Promise<UnitsCollection>;
  unitList: (level: MapLevel, at: string) => Promise<UnitListItem[]>;
  hotspots: (day: string) => Promise<Hotspot[]>;
  versions: (level: MapLevel) => Promise<BoundaryVersion[]>;
  place: (at: string) => Promise<Place>;
  matrices: MatrixLoader;
  /** Today in Vietnam (the hotspot list of the current version). */
  today?: () => string;
  /** A fresh matrix loader, for `clear()`. */
  newMatrices?: () => MatrixLoader;
}

export interface SourceCache {
  catalogue(): Promise<Catalogue>;
  /** Boundaries of a level at a boundary date (GeoJSON). */
  units(level: MapLevel, at: string): Promise<UnitsCollection>;
  /** Names and boxes of a level at a boundary date, without polygons (levels drawn from tiles). */
  unitList(level: MapLevel, at: string): Promise<UnitListItem[]>;
  /** The hotspot groups of a boundary version (with their whole history). */
  hotspots(at: string): Promise<Hotspot[]>;
  /** The boundary versions of a level, oldest first. */
  versions(level: MapLevel): Promise<BoundaryVersion[]>;
  /** The deployment's place (names, extent of the wards) on a boundary date. */
  place(at: string): Promise<Place>;
  /** The matrices a measure of an indicator needs at a level and boundary date, over its whole range. */
  values(indicator: Indicator, level: MapLevel, at: string, measure: Measure): Promise<ValueSources>;
  /** Forgets everything (after data changed: the next map asks again). */
  clear(): void;
  /** Requests sent so far, by kind (tests count them). */
  readonly requests: Readonly<
    Record<'catalogue' | 'units' | 'unitList' | 'hotspots' | 'versions' | 'place' | 'values', number>
  >;
}

interface Memo<A extends unknown[], T> {
  (...args: A): Promise<T>;
  clear(): void;
}

function memo<A extends unknown[], T>(fetch: (...args: A) => Promise<T>, count: () => void): Memo<A, T> {
  const cache = new Map<string, Promise<T>>();
  const get = (...args: A) => {
    const key = args.join('|');
    let pending = cache.get(key);
    if (!pending) {
      count();
      pending = fetch(...args);
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
    }
    return pending;
  };
  return Object.assign(get, { clear: () => cache.clear() });
}

export function createSourceCache(fetchers: SourceFetchers): SourceCache {
  const requests = { catalogue: 0, units: 0, unitList: 0, hotspots: 0, versions: 0, place: 0 };
  const catalogue = memo(fetchers.catalogue, () => (requests.catalogue += 1));
  const units = memo(fetchers.units, () => (requests.units += 1));
  const unitList = memo(fetchers.unitList, () => (requests.unitList += 1));
  const hotspots = memo(fetchers.hotspots, () => (requests.hotspots += 1));
  const versions = memo(fetchers.versions, () => (requests.versions += 1));
  const place = memo(fetchers.place, () => (requests.place += 1));
  const today = fetchers.today ?? todayInVietnam;
  let matrices = fetchers.matrices;
  return {
    catalogue,
    units,
    unitList,
    // Hotspots are groups: the list of the group version the date falls in.
    hotspots: async (at) => hotspots(hotspotListDate(await versions('group'), at, today())),
    versions,
    place,
    async values(indicator, level, at, measure) {
      const key = { level, at, ...rangeOf(indicator) };
      const parts = needsParts(indicator);
      const load = (key2: string) => matrices.load({ ...key, indicator: key2 });
      const [main, numerator, denominator, households] = await Promise.all([
        load(indicator.key),
        parts || (measure === 'count' && indicator.numerator_key) ? load(indicator.numerator_key!) : undefined,
        parts ? load(indicator.denominator_key!) : undefined,
        measure === 'per1000' ? load('households') : undefined,
      ]);
      return { main, numerator, denominator, households };
    },
    clear() {
      for (const m of [catalogue, units, unitList, hotspots, versions, place]) m.clear();
      matrices = fetchers.newMatrices?.() ?? matrices;
    },
    get requests() {
      return { ...requests, values: matrices.requests };
    },
  };
}

/** The page's cache, over the API. */
export const sources: SourceCache = createSourceCache({
  catalogue: () => fetchIndicators(),
  units: (level, at) => fetchUnits(level, at),
  unitList: (level, at) => fetchUnitList(level, at),
  hotspots: (day) => fetchHotspots(day).then((r) => r.hotspots),
  versions: (level) => fetchBoundaryVersions(level),
  place: (at) => fetchPlace(at),
  matrices: createMatrixLoader(),
  newMatrices: () => createMatrixLoader(),
});
