/**
 * The atlas map style: no basemap, no glyph server, no sprite — nothing outside the app. Boundaries
 * go in the `units` source once; indicator values arrive later as feature-state (`color`, `value`,
 * `cls`), so a new indicator or period never re-sends or re-parses geometry.
 */
import type { FeatureCollection } from 'geojson';
import type { MapOptions } from 'maplibre-gl';
import { NO_DATA_COLOR } from './choropleth.ts';
import { FONT_FACES, FONT_SEMIBOLD } from './fonts.ts';

/** The style-spec type of a whole style (maplibre-gl does not re-export it by name). */
export type StyleSpecification = Exclude<NonNullable<MapOptions['style']>, string>;

/** Unit polygons; feature ids are the unit ids (`promoteId: 'id'`). */
export const UNITS_SOURCE = 'units';
/** One label point per unit, same ids. */
export const LABELS_SOURCE = 'unit-labels';

export const LAYERS = {
  background: 'background',
  fill: 'units-fill',
  outline: 'units-outline',
  labels: 'unit-labels',
} as const;

export const BACKGROUND_COLOR = '#eceae4';

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export function createStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'ANTT Atlas',
    'font-faces': FONT_FACES,
    sources: {
      [UNITS_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
      [LABELS_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
    },
    layers: [
      { id: LAYERS.background, type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
      {
        id: LAYERS.fill,
        type: 'fill',
        source: UNITS_SOURCE,
        paint: {
          'fill-color': ['to-color', ['coalesce', ['feature-state', 'color'], NO_DATA_COLOR]],
          'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0.92],
        },
      },
      {
        id: LAYERS.outline,
        type: 'line',
        source: UNITS_SOURCE,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#0b3d91', '#3d3d3d'],
          'line-width': [
            'case',
            ['boolean', ['feature-state', 'selected'], false],
            3.5,
            ['boolean', ['feature-state', 'hover'], false],
            2,
            1,
          ],
        },
      },
      {
        id: LAYERS.labels,
        type: 'symbol',
        source: LABELS_SOURCE,
        layout: {
          'text-field': ['get', 'label'],
          'text-font': [FONT_SEMIBOLD],
          'text-size': ['interpolate', ['linear'], ['zoom'], 11, 11, 13, 13, 15, 16],
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
    ],
  };
}
