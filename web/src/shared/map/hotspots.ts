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
    polygons.push({ type: 'Feature', id: h.unit_id, geometry: f.geometry, properties: { status: h.status } });
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
