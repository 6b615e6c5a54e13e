/**
 * Basemap layers for archives in the OpenMapTiles schema (openmaptiles.org/schema), as tilemaker,
 * planetiler and GDAL write them. Written here (there is no style package to reuse without its
 * sprite and glyph server), muted for a choropleth, no icons (no sprite), Vietnamese names, no
 * disputed or maritime borders and no sub-national boundaries (the portal draws its own units).
 */
import { nameField, withOpacity } from './expressions.ts';
import { outsideTerritoryFilter } from './territory.ts';
import {
  BASEMAP_SOURCE,
  PALETTES,
  ROAD_OPACITY,
  ROAD_WIDTH_SCALE,
  type BasemapLayers,
  type BasemapOptions,
  type LayerSpecification,
} from './types.ts';

export const OMT_PREFIX = 'basemap-omt-';

const classIn = (...classes: string[]) => ['match', ['get', 'class'], classes, true, false];
const lines = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const polygons = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];

/** A zoom ramp of line widths, `[zoom, width]…`, thinned for a choropleth. */
function widths(...stops: [number, number][]): unknown[] {
  return [
    'interpolate',
    ['exponential', 1.5],
    ['zoom'],
    ...stops.flatMap(([z, w]) => [z, Math.round(w * ROAD_WIDTH_SCALE * 100) / 100]),
  ];
}

export function openMapTilesBasemap(opts: BasemapOptions): BasemapLayers {
  const p = PALETTES[opts.flavour];
  const src = { source: BASEMAP_SOURCE };
  const id = (name: string) => `${OMT_PREFIX}${name}`;

  const under = [
    {
      id: id('landcover'),
      type: 'fill',
      ...src,
      'source-layer': 'landcover',
      filter: polygons,
      paint: {
        'fill-color': [
          'match',
          ['get', 'class'],
          ['wood', 'forest'],
          p.wood,
          ['farmland'],
          p.farmland,
          ['sand', 'ice', 'rock'],
          p.land,
          p.park,
        ],
        'fill-opacity': 0.7,
      },
    },
    {
      id: id('landuse'),
      type: 'fill',
      ...src,
      'source-layer': 'landuse',
      filter: [
        'all',
        polygons,
        classIn(
          'residential',
          'suburb',
          'quarter',
          'neighbourhood',
          'industrial',
          'commercial',
          'retail',
          'railway',
          'school',
          'university',
          'college',
          'kindergarten',
          'hospital',
          'cemetery',
          'stadium',
          'pitch',
          'playground',
        ),
      ],
      paint: {
        'fill-color': [
          'match',
          ['get', 'class'],
          ['industrial', 'commercial', 'retail', 'railway'],
          p.industrial,
          ['cemetery', 'stadium', 'pitch', 'playground'],
          p.park,
          p.residential,
        ],
        'fill-opacity': 0.8,
      },
    },
    {
      id: id('park'),
      type: 'fill',
      ...src,
      'source-layer': 'park',
      filter: polygons,
      paint: { 'fill-color': p.park, 'fill-opacity': 0.7 },
    },
    {
      id: id('water'),
      type: 'fill',
      ...src,
      'source-layer': 'water',
      filter: polygons,
      paint: { 'fill-color': p.water },
    },
    {
      id: id('waterway-river'),
      type: 'line',
      ...src,
      'source-layer': 'waterway',
      filter: ['all', lines, classIn('river', 'canal')],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': p.waterway,
        'line-width': ['interpolate', ['exponential', 1.4], ['zoom'], 8, 0.6, 12, 1.5, 16, 5],
      },
    },
    {
      id: id('waterway-minor'),
      type: 'line',
      ...src,
      'source-layer': 'waterway',
      minzoom: 13,
      filter: ['all', lines, ['!', classIn('river', 'canal')]],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': p.waterway, 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 0.4, 16, 1.5] },
    },
    {
      id: id('building'),
      type: 'fill',
      ...src,
      'source-layer': 'building',
      minzoom: 14,
      paint: { 'fill-color': p.building, 'fill-opacity': 0.6 },
    },
    {
      // The national border only, and never a disputed or maritime line: those may carry other claims.
      id: id('boundary-country'),
      type: 'line',
      ...src,
      'source-layer': 'boundary',
      filter: [
        'all',
        ['==', ['get', 'admin_level'], 2],
        ['!=', ['to-number', ['get', 'disputed'], 0], 1],
        ['!=', ['to-number', ['get', 'maritime'], 0], 1],
      ],
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': p.border,
        'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 10, 1.4],
        'line-dasharray': [3, 1.5],
      },
    },
  ] as LayerSpecification[];

  const road = (name: string, filter: unknown[], color: string, width: unknown[], minzoom = 0, extra = {}) =>
    ({
      id: id(name),
      type: 'line',
      ...src,
      'source-layer': 'transportation',
      minzoom,
      filter: ['all', lines, filter],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': color, 'line-width': width, 'line-opacity': ROAD_OPACITY, ...extra },
    }) as unknown as LayerSpecification;

  const roads = [
    road('minor', classIn('minor', 'service'), p.road, widths([12, 0.5], [14, 1.5], [16, 4], [18, 10]), 12),
    road('path', classIn('path', 'track'), p.road, widths([14, 0.4], [16, 1], [18, 2]), 15, {
      'line-dasharray': [2, 1],
    }),
    road(
      'secondary',
      classIn('secondary', 'tertiary'),
      p.road,
      widths([9, 0.5], [12, 1.2], [14, 2.5], [16, 6], [18, 14]),
      9,
    ),
    road(
      'primary',
      classIn('motorway', 'trunk', 'primary'),
      p.roadMajor,
      widths([5, 0.5], [9, 1], [12, 2], [14, 3.5], [16, 8], [18, 18]),
      5,
    ),
    road('rail', classIn('rail', 'transit'), p.rail, widths([8, 0.5], [14, 1.2], [18, 3]), 8, {
      'line-dasharray': [3, 2],
    }),
  ];

  const text = (size: unknown, color: string, font = opts.fonts.regular) => ({
    layout: { 'text-field': nameField('openmaptiles'), 'text-font': [font], 'text-size': size, 'text-max-width': 8 },
    paint: { 'text-color': color, 'text-halo-color': p.halo, 'text-halo-width': 1.2 },
  });
  const label = (
    name: string,
    sourceLayer: string,
    filter: unknown[],
    style: ReturnType<typeof text>,
    more: object = {},
  ) => {
    const { layout: extraLayout = {}, ...rest } = more as { layout?: object };
    return {
      id: id(name),
      type: 'symbol',
      ...src,
      'source-layer': sourceLayer,
      filter: ['all', filter, outsideTerritoryFilter()],
      ...rest,
      layout: { ...style.layout, ...extraLayout },
      paint: style.paint,
    } as unknown as LayerSpecification;
  };
  const along = { layout: { 'symbol-placement': 'line', 'text-letter-spacing': 0.05, 'symbol-spacing': 300 } };

  const labels = [
    label('waterway-name', 'waterway', classIn('river', 'canal'), text(11, p.waterLabel), { minzoom: 12, ...along }),
    label('water-name', 'water_name', ['literal', true], text(11, p.waterLabel)),
    label(
      'road-name-minor',
      'transportation_name',
      classIn('minor', 'service'),
      text(['interpolate', ['linear'], ['zoom'], 14, 10, 17, 12], p.label),
      { minzoom: 14, ...along },
    ),
    label(
      'road-name-major',
      'transportation_name',
      ['!', classIn('minor', 'service', 'path', 'track', 'rail', 'transit')],
      text(['interpolate', ['linear'], ['zoom'], 12, 10, 17, 13], p.label),
      { minzoom: 12, ...along },
    ),
    label(
      'place-village',
      'place',
      classIn('village', 'hamlet', 'isolated_dwelling', 'island'),
      text(['interpolate', ['linear'], ['zoom'], 10, 10, 15, 13], p.label),
      { minzoom: 10 },
    ),
    label(
      'place-town',
      'place',
      classIn('city', 'town'),
      text(['interpolate', ['linear'], ['zoom'], 5, 11, 12, 16], p.placeLabel, opts.fonts.semibold),
    ),
    label(
      'place-state',
      'place',
      classIn('state', 'province'),
      text(['interpolate', ['linear'], ['zoom'], 4, 10, 8, 13], p.label),
      { minzoom: 4, maxzoom: 9 },
    ),
    label(
      'place-country',
      'place',
      classIn('country'),
      text(['interpolate', ['linear'], ['zoom'], 2, 11, 6, 15], p.placeLabel, opts.fonts.semibold),
      { maxzoom: 8 },
    ),
  ];

  const fade = (l: LayerSpecification) => withOpacity(l, opts.opacity);
  return { under: under.map(fade), roads: roads.map(fade), labels: labels.map(fade) };
}
