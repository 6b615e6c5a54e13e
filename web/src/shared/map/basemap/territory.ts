/**
 * Viet Nam's territory on every map at national scale: the portal's own labels for the Hoàng Sa
 * and Trường Sa archipelagos, "(Việt Nam)" included, as maps published in Viet Nam must show them.
 * They come from this module, not from a basemap archive, so they are there with or without one;
 * basemap labels inside these areas are hidden (see `outsideTerritoryFilter`), so no archive's
 * other names or claims can show there.
 */
import type { GeoJSONSourceSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson';
import { territoryTexts } from './texts.ts';

export const TERRITORY_SOURCE = 'vn-territory';
export const TERRITORY_LAYER = 'vn-territory-labels';

/** National scale: from a view of the whole country out to a view of the region. */
export const TERRITORY_MINZOOM = 3;
/** Closer in, a label for a whole archipelago no longer helps; the view is of a city anyway. */
export const TERRITORY_MAXZOOM = 10;

export type TerritoryLang = 'vi' | 'en';

interface Archipelago {
  id: string;
  vi: string;
  en: string;
  /** Where the label sits: near the middle of the islands. */
  label: [number, number];
  /** A generous box around the archipelago: basemap labels inside it are not drawn. */
  area: [number, number, number, number];
}

export const ARCHIPELAGOS: readonly Archipelago[] = [
  {
    id: 'hoang-sa',
    vi: territoryTexts.vi.hoangSa.normalize('NFC'),
    en: territoryTexts.en.hoangSa,
    label: [112.0, 16.4],
    area: [110.8, 15.4, 113.2, 17.4],
  },
  {
    id: 'truong-sa',
    vi: territoryTexts.vi.truongSa.normalize('NFC'),
    en: territoryTexts.en.truongSa,
    label: [114.2, 10.0],
    area: [111.3, 6.0, 117.9, 12.2],
  },
];

/** The label points, with both names (`name_vi`, `name_en`). */
export function territoryData(): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: ARCHIPELAGOS.map((a): Feature<Point> => ({
      type: 'Feature',
      id: a.id,
      properties: { id: a.id, name_vi: a.vi, name_en: a.en },
      geometry: { type: 'Point', coordinates: a.label },
    })),
  };
}

export function territorySource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: territoryData() };
}

/**
 * The label layer; put it last (on top), so its labels are placed before any other and never
 * lose a collision. `font` must be one of the style's `font-faces`.
 */
export function territoryLayer(opts: { lang: TerritoryLang; font: string }): LayerSpecification {
  return {
    id: TERRITORY_LAYER,
    type: 'symbol',
    source: TERRITORY_SOURCE,
    minzoom: TERRITORY_MINZOOM,
    maxzoom: TERRITORY_MAXZOOM,
    layout: {
      'text-field': ['get', opts.lang === 'vi' ? 'name_vi' : 'name_en'],
      'text-font': [opts.font],
      'text-size': ['interpolate', ['linear'], ['zoom'], TERRITORY_MINZOOM, 10, 7, 13],
      'text-max-width': 8,
      'text-allow-overlap': true,
      'text-ignore-placement': false,
      'text-letter-spacing': 0.03,
    },
    paint: {
      'text-color': '#24526e',
      'text-halo-color': 'rgba(255, 255, 255, 0.9)',
      'text-halo-width': 1.4,
    },
  };
}

/** The archipelago areas as one MultiPolygon (for `within`). */
export function territoryAreas(): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: ARCHIPELAGOS.map(({ area: [w, s, e, n] }) => [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ]),
  };
}

/** A filter term that is false for features inside the archipelago areas. */
export function outsideTerritoryFilter(): unknown[] {
  return ['!', ['within', territoryAreas()]];
}
