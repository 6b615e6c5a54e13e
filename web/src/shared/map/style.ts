/**
 * The atlas map style: no basemap, no glyph server, no sprite — nothing outside the app. Boundaries
 * go in the `units` source once per level and boundary version; indicator values arrive later as
 * feature-state (`color`, `value`, `cls`), so a new indicator or period never re-sends or re-parses
 * geometry. Hotspot groups have their own outline and icon layers (icons are drawn in the browser
 * and added with `addImage`, see hotspotIcons.ts).
 */
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, MapOptions } from 'maplibre-gl';
import { NO_DATA_COLOR } from './choropleth.ts';
import { FONT_FACES, FONT_SEMIBOLD } from './fonts.ts';

/** The style-spec type of a whole style (maplibre-gl does not re-export it by name). */
export type StyleSpecification = Exclude<NonNullable<MapOptions['style']>, string>;
type Layer = StyleSpecification['layers'][number];
type Source = StyleSpecification['sources'][string];

/** Unit polygons; feature ids are the unit ids (`promoteId: 'id'`). */
export const UNITS_SOURCE = 'units';
/** One label point per unit, same ids. */
export const LABELS_SOURCE = 'unit-labels';
/** Groups of the selected ward (drill-down outlines). */
export const DRILL_SOURCE = 'drill';
/** Hotspot group polygons, and one point per hotspot category. */
export const HOTSPOTS_SOURCE = 'hotspots';
export const HOTSPOT_POINTS_SOURCE = 'hotspot-points';

export const LAYERS = {
  background: 'background',
  fill: 'units-fill',
  outline: 'units-outline',
  drill: 'drill-outline',
  hotspotOutline: 'hotspots-outline',
  hotspotIcons: 'hotspots-icons',
  /** The hotspot picked in the list: a white halo under a thick dark line (filter: its id). */
  hotspotFocusHalo: 'hotspot-focus-halo',
  hotspotFocus: 'hotspot-focus',
  labels: 'unit-labels',
} as const;

export const BACKGROUND_COLOR = '#eceae4';

/** Hotspot status colours (outline and icon ring). */
export const STATUS_COLORS = {
  identified: '#d7301f',
  transforming: '#ec7014',
  transformed: '#1a9850',
  relapsed: '#7a0177',
} as const;

/** The focus layers' filter: one hotspot group by its unit id. */
export function hotspotFocusFilter(unitId: number | null): ['==', ['get', 'unit_id'], number] {
  return ['==', ['get', 'unit_id'], unitId ?? -1];
}
const NO_FOCUS = hotspotFocusFilter(null);
/** Ward and group labels: the usual size, and for a projector read from 6 m (at least 20 px). */
export const LABEL_SIZE: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 11, 11, 13, 13, 15, 16];
export const PROJECTOR_LABEL_SIZE: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  ['zoom'],
  11,
  20,
  13,
  22,
  15,
  26,
];
/** Hotspot icons (48 px images at pixel ratio 2): the usual size, and for a projector. */
export const ICON_SIZE: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 11, 0.55, 15, 0.9];
export const PROJECTOR_ICON_SIZE: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 11, 0.9, 15, 1.3];

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/** The fill and outline layers of the units, for a GeoJSON source or a vector tile source layer. */
export function unitLayers(sourceLayer?: string): Layer[] {
  const layer = sourceLayer ? { 'source-layer': sourceLayer } : {};
  return [
    {
      id: LAYERS.fill,
      type: 'fill',
      source: UNITS_SOURCE,
      ...layer,
      paint: {
        'fill-color': ['to-color', ['coalesce', ['feature-state', 'color'], NO_DATA_COLOR]],
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0.92],
      },
    },
    {
      id: LAYERS.outline,
      type: 'line',
      source: UNITS_SOURCE,
      ...layer,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#0b3d91', '#3d3d3d'],
        'line-width': [
          'case',
          ['boolean', ['feature-state', 'selected'], false],
          3.5,
          ['boolean', ['feature-state', 'hover'], false],
          2,
          0.8,
        ],
      },
    },
  ] as Layer[];
}

export function createStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'ANTT Atlas',
    'font-faces': FONT_FACES,
    sources: {
      [UNITS_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
      [LABELS_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
      [DRILL_SOURCE]: { type: 'geojson', data: empty() },
      [HOTSPOTS_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
      [HOTSPOT_POINTS_SOURCE]: { type: 'geojson', data: empty() },
    } as Record<string, Source>,
    layers: [
      { id: LAYERS.background, type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
      ...unitLayers(),
      {
        id: LAYERS.drill,
        type: 'line',
        source: DRILL_SOURCE,
        paint: { 'line-color': '#0b3d91', 'line-width': 1, 'line-dasharray': [2, 1.5] },
      },
      {
        id: LAYERS.hotspotOutline,
        type: 'line',
        source: HOTSPOTS_SOURCE,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': ['match', ['get', 'status'], ...Object.entries(STATUS_COLORS).flat(), '#000'],
          'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 4.5, 2.5],
        },
      },
      {
        id: LAYERS.hotspotFocusHalo,
        type: 'line',
        source: HOTSPOTS_SOURCE,
        filter: NO_FOCUS,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#ffffff', 'line-width': 11, 'line-opacity': 0.9 },
      },
      {
        id: LAYERS.hotspotFocus,
        type: 'line',
        source: HOTSPOTS_SOURCE,
        filter: NO_FOCUS,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#111111', 'line-width': 5 },
      },
      {
        id: LAYERS.hotspotIcons,
        type: 'symbol',
        source: HOTSPOT_POINTS_SOURCE,
        layout: {
          'icon-image': ['get', 'icon'],
          'icon-size': ICON_SIZE,
          'icon-offset': ['get', 'offset'],
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
        },
      },
      {
        id: LAYERS.labels,
        type: 'symbol',
        source: LABELS_SOURCE,
        layout: {
          'text-field': ['get', 'label'],
          'text-font': [FONT_SEMIBOLD],
          'text-size': LABEL_SIZE,
          'text-max-width': 7,
          'text-padding': 2,
          'text-letter-spacing': 0.01,
        },
        paint: {
          'text-color': '#1b1b1b',
          'text-halo-color': 'rgba(255, 255, 255, 0.92)',
          'text-halo-width': 1.6,
          'text-halo-blur': 0.2,
        },
      },
    ] as Layer[],
  };
}
