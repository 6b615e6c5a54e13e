/**
 * The basemap and the territory overlay on one running map (AtlasMap's part): the archive's source
 * and its layers put under and over the choropleth by the anchors, swapped when the archive or the
 * flavour changes, repainted in place when only the opacity does; the Hoàng Sa / Trường Sa labels
 * on top of everything, in the interface language. A map made for an export gets all of it in its
 * first style (`withBasemap`), so its first frame already asks for the basemap tiles.
 */
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { FONT_REGULAR, FONT_SEMIBOLD } from '../fonts.ts';
import { LAYERS, type StyleSpecification } from '../style.ts';
import type { ShownBasemap } from './basemap.svelte.ts';
import {
  BASEMAP_SOURCE,
  basemapAddLayerCalls,
  basemapLayers,
  basemapSource,
  opacityUpdates,
  TERRITORY_LAYER,
  TERRITORY_SOURCE,
  territoryLayer,
  territorySource,
  withBasemap,
  type BasemapAnchors,
  type BasemapLayers,
  type TerritoryLang,
} from './index.ts';

/** Land and water under the unit fill; roads over the unit outlines; names under the hotspot icons. */
export const BASEMAP_ANCHORS: BasemapAnchors = { under: LAYERS.fill, roads: LAYERS.drill, labels: LAYERS.hotspotIcons };
const FONTS = { regular: FONT_REGULAR, semibold: FONT_SEMIBOLD };

type Layer = StyleSpecification['layers'][number];

function layersOf(shown: ShownBasemap): BasemapLayers {
  return basemapLayers(shown.tileJson.schema, { flavour: shown.flavour, opacity: shown.opacity, fonts: FONTS });
}

const keyOf = (shown: ShownBasemap | null) => (shown ? `${shown.tileJson.tiles[0]}|${shown.flavour}` : '');

/** The atlas style with the basemap (if any) and the territory overlay on top. */
export function styleWithBasemap(style: StyleSpecification, shown: ShownBasemap | null, lang: TerritoryLang) {
  const withBase = shown
    ? (withBasemap(
        style as never,
        basemapSource(shown.tileJson, window.location.origin),
        layersOf(shown),
        BASEMAP_ANCHORS,
      ) as unknown as StyleSpecification)
    : style;
  return {
    ...withBase,
    sources: { ...withBase.sources, [TERRITORY_SOURCE]: territorySource() },
    layers: [...withBase.layers, territoryLayer({ lang, font: FONT_SEMIBOLD }) as Layer],
  } as StyleSpecification;
}

export class BasemapOnMap {
  private key: string;
  /** The basemap layers on the map now, with their opacity metadata. */
  private layers: BasemapLayers | null;

  constructor(
    private readonly map: MapLibreMap,
    initial: ShownBasemap | null,
  ) {
    this.key = keyOf(initial);
    this.layers = initial ? layersOf(initial) : null;
  }

  /** The attribution of what is drawn (for print), or null. */
  get attribution(): string | null {
    const source = this.map.getSource(BASEMAP_SOURCE) as { attribution?: string } | undefined;
    return source?.attribution ?? null;
  }

  /** Where re-added unit layers go so the roads stay above them: the first road layer, if any. */
  roadsStart(): string | undefined {
    return this.layers?.roads[0]?.id;
  }

  show(shown: ShownBasemap | null): void {
    const map = this.map;
    const key = keyOf(shown);
    if (key === this.key) {
      if (shown && this.layers) {
        const all = [...this.layers.under, ...this.layers.roads, ...this.layers.labels];
        for (const u of opacityUpdates(all, shown.opacity))
          map.setPaintProperty(u.layer, u.property as never, u.value as never);
      }
      return;
    }
    if (this.layers) {
      for (const l of [...this.layers.under, ...this.layers.roads, ...this.layers.labels]) {
        if (map.getLayer(l.id)) map.removeLayer(l.id);
      }
    }
    if (map.getSource(BASEMAP_SOURCE)) map.removeSource(BASEMAP_SOURCE);
    this.layers = null;
    this.key = key;
    if (!shown) return;
    map.addSource(BASEMAP_SOURCE, basemapSource(shown.tileJson, window.location.origin));
    const layers = layersOf(shown);
    for (const { layer, beforeId } of basemapAddLayerCalls(layers, BASEMAP_ANCHORS)) {
      map.addLayer(layer as LayerSpecification, beforeId);
    }
    this.layers = layers;
  }

  setLanguage(lang: TerritoryLang): void {
    const layer = territoryLayer({ lang, font: FONT_SEMIBOLD });
    if (this.map.getLayer(TERRITORY_LAYER)) {
      this.map.setLayoutProperty(TERRITORY_LAYER, 'text-field', layer.layout?.['text-field' as never]);
    }
  }
}
