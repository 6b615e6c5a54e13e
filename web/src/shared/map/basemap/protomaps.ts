/**
 * Basemap layers for archives in the Protomaps basemap schema (e.g. cut from a Protomaps planet
 * build with `pmtiles extract`), built by the `@protomaps/basemaps` layer functions with a muted
 * flavour of our own, then trimmed for a choropleth: no icons (no sprite is needed), no casings
 * (roads are single thin see-through lines), no sub-national boundaries or neighbourhood names (the
 * portal draws its own units), no disputed or maritime borders, Vietnamese names.
 */
import { GRAYSCALE, LIGHT, layers as protomapsLayers, type Flavor } from '@protomaps/basemaps';
import { nameField, scaleNumber, toExpressionFilter, withOpacity } from './expressions.ts';
import { outsideTerritoryFilter } from './territory.ts';
import {
  BASEMAP_SOURCE,
  PALETTES,
  ROAD_OPACITY,
  ROAD_WIDTH_SCALE,
  type BasemapFlavour,
  type BasemapLayers,
  type BasemapOptions,
  type LayerSpecification,
} from './types.ts';

/** Land, landuse, water and waterways: under the choropleth, in this order. */
export const PROTOMAPS_UNDER = [
  'earth',
  'landcover',
  'landuse_park',
  'landuse_urban_green',
  'landuse_hospital',
  'landuse_industrial',
  'landuse_school',
  'landuse_beach',
  'landuse_zoo',
  'landuse_aerodrome',
  'landuse_runway',
  'water',
  'water_stream',
  'water_river',
  'landuse_pedestrian',
  'landuse_pier',
  'buildings',
  'boundaries_country',
] as const;

/** Road and rail lines without their casings: over the choropleth. */
export const PROTOMAPS_ROADS = [
  'roads_tunnels_other',
  'roads_tunnels_minor',
  'roads_tunnels_link',
  'roads_tunnels_major',
  'roads_tunnels_highway',
  'roads_other',
  'roads_link',
  'roads_minor_service',
  'roads_minor',
  'roads_major',
  'roads_highway',
  'roads_rail',
  'roads_bridges_other',
  'roads_bridges_minor',
  'roads_bridges_link',
  'roads_bridges_major',
  'roads_bridges_highway',
] as const;

/** Names. Left out: house numbers, one-way arrows, road shields, POIs (all need icons or clutter). */
export const PROTOMAPS_LABELS = [
  'water_waterway_label',
  'roads_labels_minor',
  'water_label_ocean',
  'earth_label_islands',
  'water_label_lakes',
  'roads_labels_major',
  'places_region',
  'places_locality',
  'places_country',
] as const;

/** A Protomaps flavour with our palette: every colour the kept layers use comes from `PALETTES`. */
export function protomapsFlavor(flavour: BasemapFlavour, fonts: BasemapOptions['fonts']): Flavor {
  const p = PALETTES[flavour];
  const base = flavour === 'light' ? LIGHT : GRAYSCALE;
  const road = {
    other: p.road,
    minor_service: p.road,
    minor_a: p.road,
    minor_b: p.road,
    link: p.road,
    major: p.roadMajor,
    highway: p.roadMajor,
    tunnel_other: p.road,
    tunnel_minor: p.road,
    tunnel_link: p.road,
    tunnel_major: p.roadMajor,
    tunnel_highway: p.roadMajor,
    bridges_other: p.road,
    bridges_minor: p.road,
    bridges_link: p.road,
    bridges_major: p.roadMajor,
    bridges_highway: p.roadMajor,
    railway: p.rail,
    pier: p.road,
  };
  return {
    ...base,
    ...road,
    background: p.water,
    earth: p.land,
    water: p.water,
    park_a: p.park,
    park_b: p.park,
    wood_a: p.wood,
    wood_b: p.wood,
    scrub_a: p.wood,
    scrub_b: p.wood,
    hospital: p.residential,
    school: p.residential,
    industrial: p.industrial,
    zoo: p.park,
    aerodrome: p.industrial,
    runway: p.industrial,
    pedestrian: p.residential,
    beach: p.farmland,
    sand: p.farmland,
    glacier: p.land,
    military: p.industrial,
    buildings: p.building,
    boundaries: p.border,
    roads_label_minor: p.label,
    roads_label_minor_halo: p.halo,
    roads_label_major: p.label,
    roads_label_major_halo: p.halo,
    ocean_label: p.waterLabel,
    subplace_label: p.label,
    subplace_label_halo: p.halo,
    city_label: p.placeLabel,
    city_label_halo: p.halo,
    state_label: p.label,
    state_label_halo: p.halo,
    country_label: p.placeLabel,
    address_label: p.label,
    address_label_halo: p.halo,
    landcover: {
      barren: p.farmland,
      farmland: p.farmland,
      forest: p.wood,
      glacier: p.land,
      grassland: p.park,
      scrub: p.wood,
      urban_area: p.residential,
    },
    pois: undefined,
    regular: fonts.regular,
    bold: fonts.semibold,
    italic: fonts.regular,
  };
}

export const PROTOMAPS_PREFIX = 'basemap-pm-';

export function protomapsBasemap(opts: BasemapOptions): BasemapLayers {
  const p = PALETTES[opts.flavour];
  const all = new Map(
    protomapsLayers(BASEMAP_SOURCE, protomapsFlavor(opts.flavour, opts.fonts), { lang: 'vi' }).map((l) => [l.id, l]),
  );
  const pick = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const l = all.get(id);
      return l ? [{ ...l, id: `${PROTOMAPS_PREFIX}${id}` } as LayerSpecification] : [];
    });

  const under = pick(PROTOMAPS_UNDER).map((l) => {
    if (l.id !== `${PROTOMAPS_PREFIX}boundaries_country`) return withOpacity(l, opts.opacity);
    // The national border only, never a disputed or maritime line: those may carry other claims.
    const filter = [
      'all',
      toExpressionFilter((l as { filter?: unknown }).filter),
      ['!', ['to-boolean', ['get', 'disputed']]],
      ['!', ['to-boolean', ['get', 'maritime']]],
    ];
    return withOpacity({ ...l, filter } as LayerSpecification, opts.opacity);
  });

  const roads = pick(PROTOMAPS_ROADS).map((l) => {
    const paint = { ...(l as { paint: Record<string, unknown> }).paint };
    paint['line-width'] = scaleNumber(paint['line-width'] ?? 1, ROAD_WIDTH_SCALE);
    paint['line-opacity'] = scaleNumber(paint['line-opacity'] ?? 1, ROAD_OPACITY);
    return withOpacity({ ...l, paint } as LayerSpecification, opts.opacity);
  });

  const labels = pick(PROTOMAPS_LABELS).map((l) => {
    const layout: Record<string, unknown> = {};
    for (const [k, v] of Object.entries((l as { layout?: Record<string, unknown> }).layout ?? {})) {
      if (!k.startsWith('icon-')) layout[k] = v;
    }
    const bold = JSON.stringify(layout['text-font'] ?? '').includes(opts.fonts.semibold);
    layout['text-field'] = nameField('protomaps');
    layout['text-font'] = [bold ? opts.fonts.semibold : opts.fonts.regular];
    const paint = { ...(l as { paint?: Record<string, unknown> }).paint, 'text-halo-color': p.halo };
    const filter = ['all', toExpressionFilter((l as { filter?: unknown }).filter), outsideTerritoryFilter()];
    return withOpacity({ ...l, layout, paint, filter } as LayerSpecification, opts.opacity);
  });

  return { under, roads, labels };
}
