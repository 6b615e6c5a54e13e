/**
 * The offline basemap for the atlas map, as pure functions: a vector source from the server's
 * TileJSON (same origin only), the layers of a muted light or grey style for the archive's schema
 * cut into under/roads/labels, where they go in the map's layer order, and opacity changes.
 * Nothing here fetches anything or names an outside URL.
 */
import type { StyleSpecification, VectorSourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import { clamp01, opacityUpdates, type PaintUpdate } from './expressions.ts';
import { openMapTilesBasemap } from './openmaptiles.ts';
import { protomapsBasemap } from './protomaps.ts';
import {
  BASEMAP_SOURCE,
  type BasemapLayers,
  type BasemapOptions,
  type BasemapSchema,
  type LayerSpecification,
} from './types.ts';

export { BASEMAP_SOURCE };
export type { BasemapFlavour, BasemapFonts, BasemapLayers, BasemapOptions, BasemapSchema } from './types.ts';
export { opacityUpdates, type PaintUpdate };
export {
  territoryData,
  territoryLayer,
  territorySource,
  TERRITORY_LAYER,
  TERRITORY_MAXZOOM,
  TERRITORY_MINZOOM,
  TERRITORY_SOURCE,
  type TerritoryLang,
} from './territory.ts';

/** Every basemap layer id starts with this (to find or remove them all). */
export const BASEMAP_LAYER_PREFIX = 'basemap-';
export const DEFAULT_BASEMAP_OPACITY = 1;

/** What the web needs of `GET /tiles/basemap/{id}.json` (server/basemap/basemap.schemas.ts). */
export interface BasemapTileJson {
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: number[];
  attribution: string;
  schema: BasemapSchema;
}

/**
 * The vector source for an archive. Tile URLs are resolved against the page's origin and must stay
 * on it: a TileJSON pointing elsewhere is refused rather than followed (air-gapped networks, CSP).
 */
export function basemapSource(tileJson: BasemapTileJson, origin: string): VectorSourceSpecification {
  const tiles = tileJson.tiles.map((t) => {
    const url = new URL(t, origin);
    if (url.origin !== new URL(origin).origin) throw new Error(`basemap tiles must be same-origin, got ${url.origin}`);
    // `{z}` etc. must reach MapLibre unescaped.
    return decodeURI(url.href);
  });
  return {
    type: 'vector',
    tiles,
    minzoom: tileJson.minzoom,
    maxzoom: tileJson.maxzoom,
    bounds: tileJson.bounds as [number, number, number, number],
    attribution: tileJson.attribution,
  };
}

/** The basemap's layers for an archive of `schema`, cut for their three places in the layer order. */
export function basemapLayers(schema: BasemapSchema, opts: BasemapOptions): BasemapLayers {
  const o = { ...opts, opacity: clamp01(opts.opacity) };
  return schema === 'protomaps' ? protomapsBasemap(o) : openMapTilesBasemap(o);
}

export function allBasemapLayers(b: BasemapLayers): LayerSpecification[] {
  return [...b.under, ...b.roads, ...b.labels];
}

/**
 * Where each group goes: the id of the map layer it must sit just below. In the atlas style today:
 * `under` before the units fill (`units-fill`), `roads` before the drill-down outline
 * (`drill-outline`, i.e. just above the unit outlines), `labels` before the hotspot icons
 * (`hotspots-icons`), so unit labels and the territory overlay stay above every basemap name.
 */
export interface BasemapAnchors {
  under: string;
  roads: string;
  labels: string;
}

export interface AddLayerCall {
  layer: LayerSpecification;
  beforeId: string;
}

/** The `map.addLayer(layer, beforeId)` calls, in order, that put a basemap into a running map. */
export function basemapAddLayerCalls(b: BasemapLayers, anchors: BasemapAnchors): AddLayerCall[] {
  return [
    ...b.under.map((layer) => ({ layer, beforeId: anchors.under })),
    ...b.roads.map((layer) => ({ layer, beforeId: anchors.roads })),
    ...b.labels.map((layer) => ({ layer, beforeId: anchors.labels })),
  ];
}

/**
 * A whole style with the basemap in it (for a map created with it, e.g. an export render): the
 * source added, each group inserted below its anchor. Anchors missing from the style are an error,
 * not a silent misplacement.
 */
export function withBasemap(
  style: StyleSpecification,
  source: VectorSourceSpecification,
  b: BasemapLayers,
  anchors: BasemapAnchors,
): StyleSpecification {
  const layers = [...style.layers];
  for (const { layer, beforeId } of basemapAddLayerCalls(b, anchors)) {
    const at = layers.findIndex((l) => l.id === beforeId);
    if (at < 0) throw new Error(`basemap anchor layer "${beforeId}" is not in the style`);
    layers.splice(at, 0, layer);
  }
  return { ...style, sources: { ...style.sources, [BASEMAP_SOURCE]: source }, layers };
}

/** Ids of the basemap layers in a style or map (`map.getStyle().layers`), to remove them all. */
export function basemapLayerIds(layers: readonly { id: string }[]): string[] {
  return layers.filter((l) => l.id.startsWith(BASEMAP_LAYER_PREFIX)).map((l) => l.id);
}
