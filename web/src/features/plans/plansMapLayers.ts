/**
 * The planning map's own layers on top of the atlas style: a white casing under the selection
 * outline, numbered badges (the top candidates' ranks), and the sketch of a box or polygon being
 * drawn.
 */
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { FONT_SEMIBOLD } from '../../shared/map/fonts.ts';
import { LAYERS, UNITS_SOURCE } from '../../shared/map/style.ts';

export const SKETCH = 'plans-sketch';
export const BADGES = 'plans-badges';

function empty(): FeatureCollection {
  return { type: 'FeatureCollection', features: [] };
}

export function addPlanLayers(target: MapLibreMap): void {
  // A white casing under the style's selected outline, so that the selection reads on dark fills.
  target.addLayer(
    {
      id: 'plans-selection-casing',
      type: 'line',
      source: UNITS_SOURCE,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#ffffff',
        'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 7, 0],
      },
    },
    LAYERS.outline,
  );
  target.addSource(BADGES, { type: 'geojson', data: empty() });
  target.addLayer({
    id: 'plans-badge-circles',
    type: 'circle',
    source: BADGES,
    paint: {
      'circle-radius': 10,
      'circle-color': '#ffffff',
      'circle-stroke-color': '#1b1b1b',
      'circle-stroke-width': 1.5,
    },
  });
  target.addLayer({
    id: 'plans-badge-text',
    type: 'symbol',
    source: BADGES,
    layout: {
      'text-field': ['get', 'text'],
      'text-font': [FONT_SEMIBOLD],
      'text-size': 11,
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': '#1b1b1b' },
  });
  // Names sit under the badges rather than behind them.
  target.setLayoutProperty(LAYERS.labels, 'text-offset', [0, 1.3]);
  target.addSource(SKETCH, { type: 'geojson', data: empty() });
  target.addLayer({
    id: 'plans-sketch-fill',
    type: 'fill',
    source: SKETCH,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': '#0b5fff', 'fill-opacity': 0.12 },
  });
  target.addLayer({
    id: 'plans-sketch-line',
    type: 'line',
    source: SKETCH,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': '#0b5fff', 'line-width': 2, 'line-dasharray': [2, 1] },
  });
  target.addLayer({
    id: 'plans-sketch-points',
    type: 'circle',
    source: SKETCH,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': 4,
      'circle-color': '#ffffff',
      'circle-stroke-color': '#0b5fff',
      'circle-stroke-width': 2,
    },
  });
}
