/**
 * Puts a {@link ViewModel} on a MapLibre map with the map page's own modules — the units source,
 * labels, classes and colours by feature-state — plus an outline of a focused ward (the atlas).
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { applyValues } from './applyValues.ts';
import { showUnits } from './showUnits.ts';
import { LAYERS, UNITS_SOURCE } from './style.ts';
import { unitFeature, useUnitsSource } from './unitsSource.ts';
import type { ViewModel } from './viewModel.ts';

export const FOCUS_SOURCE = 'export-focus';
const FOCUS_LAYER = 'export-focus-outline';
const FOCUS_MASK_LAYER = 'export-focus-mask';
const shown = new WeakMap<MapLibreMap, string>();
const selected = new WeakMap<MapLibreMap, number>();

function ensureFocusLayer(map: MapLibreMap): void {
  if (map.getSource(FOCUS_SOURCE)) return;
  map.addSource(FOCUS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  // Everything outside the focused unit is veiled, so the page is about that unit at a glance.
  map.addLayer(
    {
      id: FOCUS_MASK_LAYER,
      type: 'fill',
      source: FOCUS_SOURCE,
      filter: ['==', ['get', 'mask'], true],
      paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.55 },
    },
    LAYERS.labels,
  );
  map.addLayer(
    {
      id: FOCUS_LAYER,
      type: 'line',
      source: FOCUS_SOURCE,
      filter: ['!=', ['get', 'mask'], true],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#0b3d91', 'line-width': 4 },
    },
    LAYERS.labels,
  );
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return sum;
}

/** A polygon covering the region with the unit cut out of it. */
function maskAround(focus: Feature<Polygon | MultiPolygon>): Feature<Polygon> {
  const g = focus.geometry;
  const outer = [
    [95, 5],
    [115, 5],
    [115, 30],
    [95, 30],
    [95, 5],
  ];
  // A hole winds against its outer ring, whatever the winding of the unit as it was sent.
  const holes = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((polygon) => {
    const ring = polygon[0]!;
    return signedArea(ring) * signedArea(outer) > 0 ? [...ring].reverse() : ring;
  });
  return { type: 'Feature', properties: { mask: true }, geometry: { type: 'Polygon', coordinates: [outer, ...holes] } };
}

/** Draws the model's units, values and classes; geometry is sent only when level or boundary date change. */
export function showModel(map: MapLibreMap, model: ViewModel, focus: Feature<Polygon | MultiPolygon> | null = null) {
  const key = `${model.level}|${model.at}`;
  if (shown.get(map) !== key) {
    useUnitsSource(map, { type: 'geojson' });
    showUnits(map, model.units, null);
    shown.set(map, key);
  }
  applyValues(map, model.unitIds, model.values, model.choropleth);
  const previous = selected.get(map);
  if (previous !== undefined && map.getSource(UNITS_SOURCE)) {
    map.setFeatureState(unitFeature(map, previous), { selected: false });
    selected.delete(map);
  }
  const sel = model.state.selected;
  if (sel !== null && model.unitIds.includes(sel)) {
    map.setFeatureState(unitFeature(map, sel), { selected: true });
    selected.set(map, sel);
  }
  ensureFocusLayer(map);
  map
    .getSource<GeoJSONSource>(FOCUS_SOURCE)
    ?.setData({ type: 'FeatureCollection', features: focus ? [maskAround(focus), focus] : [] });
}
