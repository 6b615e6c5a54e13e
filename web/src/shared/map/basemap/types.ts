/**
 * Types and palettes shared by the basemap styles of both schemas. A basemap here serves a
 * choropleth: its colours are muted so the indicator colours stay the loudest thing on the map.
 */
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';

export type { LayerSpecification };

/** Which vector-tile schema an archive uses (the server detects it, see GET /tiles/basemap). */
export type BasemapSchema = 'protomaps' | 'openmaptiles';
/** `light`: warm muted land, soft blue water. `grey`: neutral greys for print and projectors. */
export type BasemapFlavour = 'light' | 'grey';

export interface BasemapFonts {
  /** A font name declared in the style's `font-faces` (the app's own Noto Sans files). */
  regular: string;
  semibold: string;
}

/** The vector source id the basemap layers read (see `basemapSource`). */
export const BASEMAP_SOURCE = 'basemap';

export interface BasemapOptions {
  flavour: BasemapFlavour;
  /** 0–1, multiplies every basemap layer's own opacity. */
  opacity: number;
  fonts: BasemapFonts;
}

/**
 * A basemap cut in three, for three places in the map's layer order:
 * - `under`: land, landuse, water, waterways — right above the map background, below the choropleth;
 * - `roads`: thin, semi-transparent roads and railways — right above the unit outlines;
 * - `labels`: street, water and place names — below the portal's own unit labels, which win
 *   label collisions because MapLibre places the symbols of higher layers first.
 */
export interface BasemapLayers {
  under: LayerSpecification[];
  roads: LayerSpecification[];
  labels: LayerSpecification[];
}

export interface Palette {
  land: string;
  water: string;
  waterway: string;
  park: string;
  wood: string;
  farmland: string;
  residential: string;
  industrial: string;
  building: string;
  /** The national border (the portal draws administrative boundaries itself). */
  border: string;
  road: string;
  roadMajor: string;
  rail: string;
  label: string;
  placeLabel: string;
  waterLabel: string;
  halo: string;
}

export const PALETTES: Record<BasemapFlavour, Palette> = {
  light: {
    land: '#f3f1ec',
    water: '#c3d7e4',
    waterway: '#a9c6d9',
    park: '#e1e9d9',
    wood: '#dce6d3',
    farmland: '#eef0e2',
    residential: '#ece9e3',
    industrial: '#e8e5ea',
    building: '#e2ddd6',
    border: '#9a8fa0',
    road: '#8a8177',
    roadMajor: '#766b60',
    rail: '#9a9590',
    label: '#4a443e',
    placeLabel: '#2f2b27',
    waterLabel: '#47708c',
    halo: 'rgba(255, 255, 255, 0.85)',
  },
  grey: {
    land: '#efefef',
    water: '#cfd3d6',
    waterway: '#b9bfc3',
    park: '#e4e6e3',
    wood: '#e1e3e0',
    farmland: '#ececea',
    residential: '#e9e9e9',
    industrial: '#e5e5e6',
    building: '#dedede',
    border: '#8c8c8c',
    road: '#7c7c7c',
    roadMajor: '#666666',
    rail: '#8f8f8f',
    label: '#4d4d4d',
    placeLabel: '#2e2e2e',
    waterLabel: '#5f6b73',
    halo: 'rgba(255, 255, 255, 0.85)',
  },
};

/** Opacity of road lines before the basemap opacity: see-through, so the fill colour shows. */
export const ROAD_OPACITY = 0.55;
/** Road widths are this share of a normal street map's: thin lines that do not hide the fill. */
export const ROAD_WIDTH_SCALE = 0.6;
