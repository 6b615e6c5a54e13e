/**
 * Hotspot groups on exported and presented maps, as the map page draws them by default: outlined
 * by their status at the end of the view's period, with an icon per problem. Same date rule as the
 * map page: the list of the view's boundary version, statuses read from each hotspot's history.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { fetchHotspots } from '../api/client.ts';
import type { Hotspot } from '../api/types.ts';
import { todayInVietnam, lastMonthOf } from '../../../../geo/periods.ts';
import { MERGER_DATE } from './time.ts';
import { addHotspotIcons, iconName } from './hotspotIcons.ts';
import { labelPoint } from './labelPoints.ts';
import { HOTSPOT_POINTS_SOURCE, HOTSPOTS_SOURCE } from './style.ts';
import { unitsAt, type ViewModel } from './viewModel.ts';

const lists = new Map<string, Promise<Hotspot[]>>();

function hotspotsFor(at: string): Promise<Hotspot[]> {
  let list = lists.get(at);
  if (!list) {
    list = fetchHotspots(at === MERGER_DATE ? todayInVietnam() : '2025-06-30').then((r) => r.hotspots);
    list.catch(() => lists.delete(at));
    lists.set(at, list);
  }
  return list;
}

export interface HotspotLayers {
  polygons: FeatureCollection;
  points: FeatureCollection;
}

/** Outlines and icons of the hotspot groups designated by the end of the view's period. */
export async function hotspotLayers(model: Pick<ViewModel, 'at' | 'state'>): Promise<HotspotLayers> {
  const [groups, hotspots] = await Promise.all([unitsAt('group', model.at), hotspotsFor(model.at)]);
  const byId = new Map(groups.features.map((f) => [f.properties.id, f]));
  const statusDate = `${lastMonthOf(model.state.period)}-28`;
  const polygons: Feature[] = [];
  const points: Feature[] = [];
  for (const h of hotspots) {
    if (h.designated_on > statusDate) continue;
    const f = byId.get(h.unit_id);
    if (!f) continue;
    const status = [...h.history].reverse().find((s) => s.changed_on <= statusDate)?.status ?? h.status;
    polygons.push({ type: 'Feature', id: h.unit_id, geometry: f.geometry, properties: { status } });
    const at = labelPoint(f.geometry);
    h.categories.forEach((c, i) =>
      points.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: at },
        properties: { icon: iconName(c, status), offset: [(i - (h.categories.length - 1) / 2) * 50, 0] },
      }),
    );
  }
  return {
    polygons: { type: 'FeatureCollection', features: polygons },
    points: { type: 'FeatureCollection', features: points },
  };
}

export function showHotspots(map: MapLibreMap, layers: HotspotLayers | null): void {
  addHotspotIcons(map);
  const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
  map.getSource<GeoJSONSource>(HOTSPOTS_SOURCE)?.setData(layers?.polygons ?? empty);
  map.getSource<GeoJSONSource>(HOTSPOT_POINTS_SOURCE)?.setData(layers?.points ?? empty);
}
