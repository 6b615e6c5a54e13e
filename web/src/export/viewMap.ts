/**
 * Puts a {@link ViewModel} on a MapLibre map with the map page's own modules — the units source,
 * labels, classes and colours by feature-state — plus an outline of a focused ward (the atlas), and
 * computes cameras without a map of the target size (tiles of a large export share one camera).
 */
import { MercatorCoordinate, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { applyValues } from '../map/applyValues.ts';
import { showUnits } from '../map/showUnits.ts';
import { LAYERS, UNITS_SOURCE } from '../map/style.ts';
import { unitFeature, useUnitsSource } from '../map/unitsSource.ts';
import type { ViewModel } from './model.ts';

export const FOCUS_SOURCE = 'export-focus';
const FOCUS_LAYER = 'export-focus-outline';
const FOCUS_MASK_LAYER = 'export-focus-mask';
/** MapLibre's world is 512 CSS pixels wide at zoom 0. */
const WORLD = 512;
/** A saved view's zoom was chosen on a map area of about this size (CSS px); larger exports zoom in. */
const REFERENCE_VIEW = { width: 960, height: 720 };

export interface Camera {
  center: [number, number];
  zoom: number;
}

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

/** The camera showing `bounds` [w, s, e, n] in a `width`×`height` CSS px view with `padding` around. */
export function fitCamera(
  bounds: [number, number, number, number],
  width: number,
  height: number,
  padding: number,
  maxZoom = 16,
): Camera {
  const a = MercatorCoordinate.fromLngLat([bounds[0], bounds[3]]);
  const b = MercatorCoordinate.fromLngLat([bounds[2], bounds[1]]);
  const dx = Math.max(Math.abs(b.x - a.x), 1e-9);
  const dy = Math.max(Math.abs(b.y - a.y), 1e-9);
  const scale = Math.min((width - 2 * padding) / (WORLD * dx), (height - 2 * padding) / (WORLD * dy));
  const zoom = Math.min(Math.max(Math.log2(Math.max(scale, 1e-9)), 0), maxZoom);
  const center = new MercatorCoordinate((a.x + b.x) / 2, (a.y + b.y) / 2).toLngLat();
  return { center: [center.lng, center.lat], zoom };
}

/** The camera of a view: its saved centre and zoom (scaled to the export's size), or its units fitted. */
export function viewCamera(model: ViewModel, width: number, height: number, padding: number): Camera {
  const view = model.state.view;
  if (!view) return fitCamera(model.bounds, width, height, padding);
  const grow = Math.min(width / REFERENCE_VIEW.width, height / REFERENCE_VIEW.height);
  return { center: [view.lng, view.lat], zoom: view.zoom + Math.log2(grow) };
}

/** The centre of the part of a view at offset (x, y) CSS px, size w×h, of a full view of W×H around `camera`. */
export function tileCenter(
  camera: Camera,
  full: { width: number; height: number },
  x: number,
  y: number,
  w: number,
  h: number,
) {
  const c = MercatorCoordinate.fromLngLat(camera.center);
  const world = WORLD * 2 ** camera.zoom;
  const mx = c.x + (x + w / 2 - full.width / 2) / world;
  const my = c.y + (y + h / 2 - full.height / 2) / world;
  const ll = new MercatorCoordinate(mx, my).toLngLat();
  return [ll.lng, ll.lat] as [number, number];
}

/** Metres on the ground per CSS pixel at the camera's centre. */
export function metresPerPixel(camera: Camera): number {
  return (40_075_016.686 * Math.cos((camera.center[1] * Math.PI) / 180)) / (WORLD * 2 ** camera.zoom);
}
