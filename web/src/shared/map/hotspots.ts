/**
 * Hotspot groups on a map, one rule for every map (the map page, presentation, exports): the list
 * of a boundary version (its day: versions.ts `hotspotListDate`), each group's status read from its history at the end of the period, an
 * outline by status and an icon per problem. Pure: tested with plain fixtures.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { lastMonthOf } from '../../../../geo/periods.ts';
import type { Hotspot, UnitsCollection } from '../api/types.ts';
import { iconName } from './hotspotIcons.ts';
import { labelPoint } from './labelPoints.ts';
import { STATUS_COLORS } from './style.ts';

/** The day whose statuses a period shows: the end of the period. */
export function statusDate(period: string): string {
  return `${lastMonthOf(period)}-28`;
}

/** The hotspots designated by the end of `period`, each with its status on that day. */
export function hotspotsAt(hotspots: readonly Hotspot[], period: string): Hotspot[] {
  const day = statusDate(period);
  return hotspots
    .filter((h) => h.designated_on <= day)
    .map((h) => {
      const current = [...h.history].reverse().find((s) => s.changed_on <= day);
      return current ? { ...h, status: current.status, status_since: current.changed_on } : h;
    });
}

export interface HotspotFilter {
  categories: readonly string[];
  statuses: readonly string[];
}

/** The hotspots a filter keeps: a shown status and at least one shown problem. */
export function filterHotspots(hotspots: readonly Hotspot[], filter: HotspotFilter): Hotspot[] {
  return hotspots.filter(
    (h) => filter.statuses.includes(h.status) && h.categories.some((c) => filter.categories.includes(c)),
  );
}

export interface HotspotLayers {
  polygons: FeatureCollection;
  points: FeatureCollection;
}

/**
 * Outlines (by status) and icons (one per problem, side by side) of the hotspots whose group
 * geometry is known; only the problems in `categories` get an icon.
 */
export function hotspotLayers(
  hotspots: readonly Hotspot[],
  groups: UnitsCollection | null,
  categories?: readonly string[],
): HotspotLayers {
  const byId = new Map((groups?.features ?? []).map((f) => [f.properties.id, f]));
  const polygons: Feature[] = [];
  const points: Feature[] = [];
  for (const h of hotspots) {
    const f = byId.get(h.unit_id);
    if (!f) continue;
    polygons.push({
      type: 'Feature',
      id: h.unit_id,
      geometry: f.geometry,
      properties: { status: h.status, unit_id: h.unit_id },
    });
    const at = labelPoint(f.geometry);
    const cats = categories ? h.categories.filter((c) => categories.includes(c)) : h.categories;
    cats.forEach((c, i) =>
      points.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: at },
        properties: { icon: iconName(c, h.status), offset: [(i - (cats.length - 1) / 2) * 50, 0], unit_id: h.unit_id },
      }),
    );
  }
  return {
    polygons: { type: 'FeatureCollection', features: polygons },
    points: { type: 'FeatureCollection', features: points },
  };
}

export interface StatusBand {
  /** First and last index in `periods` (inclusive) the status held. */
  from: number;
  to: number;
  status: Hotspot['status'];
  color: string;
}

/**
 * A hotspot's status periods over a chart's periods: each status from the period holding the day
 * it was set to the period before the next change (the last runs to the end). A period belongs to
 * the status in force at its end, as the map reads it ({@link statusDate}).
 */
export function statusBands(history: Hotspot['history'], periods: readonly string[]): StatusBand[] {
  const bands: StatusBand[] = [];
  periods.forEach((period, i) => {
    const day = statusDate(period);
    const current = [...history].reverse().find((h) => h.changed_on <= day);
    if (!current) return;
    const last = bands[bands.length - 1];
    if (last && last.status === current.status && last.to === i - 1) last.to = i;
    else bands.push({ from: i, to: i, status: current.status, color: STATUS_COLORS[current.status] });
  });
  return bands;
}
