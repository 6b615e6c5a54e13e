/**
 * The one owner of a MapLibre map: every map of the app (the map page, the planning map, the
 * presentation, the import preview, the exports' offscreen render) is an AtlasMap. It creates the
 * map with the atlas style (offline: worker, CSS and fonts bundled, no outside URL), follows the
 * interface language (MapLibre's control texts and the map's accessible name), reports errors,
 * exposes itself to the browser tests, and holds what every map does to its sources: unit
 * boundaries (GeoJSON or vector tiles), values and classes by feature-state, hotspot outlines and
 * icons, a whole view model (presentation, exports), a focused unit (the ward atlas), and the
 * offline basemap with the territory overlay (basemap/onMap.ts), so every map gets them here.
 */
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import type { GeoJSONSource, LngLatBoundsLike, MapOptions } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre 6 does not bundle its worker into ours: hand it the URL of the packaged module, or no
// tile is ever parsed and the map never becomes idle.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { UnitsCollection } from '../api/types.ts';
import { normalizeLabel } from './fonts.ts';
import type { ShownBasemap } from './basemap/basemap.svelte.ts';
import { BasemapOnMap, styleWithBasemap } from './basemap/onMap.ts';
import { addHotspotIcons } from './hotspotIcons.ts';
import type { HotspotLayers } from './hotspots.ts';
import { labelPoints } from './labelPoints.ts';
import {
  createStyle,
  HOTSPOT_POINTS_SOURCE,
  HOTSPOTS_SOURCE,
  ICON_SIZE,
  LABEL_SIZE,
  LABELS_SOURCE,
  hotspotFocusFilter,
  LAYERS,
  PROJECTOR_ICON_SIZE,
  PROJECTOR_LABEL_SIZE,
  UNITS_SOURCE,
  unitLayers,
} from './style.ts';
import { mapLibreLocale } from './texts.ts';
import { testMode } from './testHooks.ts';
import type { UnitsSourceSpec } from './unitsSource.ts';
import { unitsBounds } from './unitsBounds.ts';
import { DEFER_ABOVE, ValueStateWriter, type Later } from './valueStates.ts';
import type { PeriodView, ViewModel } from './viewModel.ts';

setWorkerUrl(workerUrl);

/**
 * Viet Nam, mainland and islands [west, south, east, north]: where a map opens when it is not told
 * the place (the deployment's extent, GET /api/place), until the boundaries arrive and it fits them.
 */
export const COUNTRY_BOUNDS: [number, number, number, number] = [102.14, 8.18, 109.47, 23.39];
const FOCUS_SOURCE = 'focus';
const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export interface AtlasMapOptions {
  container: HTMLElement;
  /** Accessible name of the map region. */
  title: string;
  /**
   * A map for the screen (controls, pan and zoom; north up), or an offscreen render at a pixel
   * ratio, its canvas cap raised to `maxCanvasSize`.
   */
  offscreen?: { maxCanvasSize: number };
  /** Keyboard panning (off where the keys mean something else: the presentation's slides). */
  keyboard?: boolean;
  /** The name under which browser tests find it (`?test=1`): `__map` by default; false for none. */
  testHook?: string | false;
  /** The basemap drawn from the first frame (exports); on screen maps get it with `setBasemap`. */
  basemap?: ShownBasemap | null;
  /** Language of the map's own names (the territory overlay). */
  lang?: 'vi' | 'en';
  /** Where it opens [west, south, east, north]: the place's extent when known, else the country. */
  bounds?: [number, number, number, number] | null;
}

/** Runs `fn` when the browser is idle (after the next frame), at the latest after 100 ms. */
const whenIdle: Later = (fn) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(fn, { timeout: 100 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(fn, 0);
  return () => clearTimeout(timer);
};

export class AtlasMap {
  readonly map: MapLibreMap;
  /** Resolves once the style is loaded (and the hotspot icons added). */
  readonly ready: Promise<void>;
  private navigation: NavigationControl | null = null;
  /** The units source's kind: GeoJSON, or the URL of its tiles; and their source layer. */
  private unitsKind = 'geojson';
  private sourceLayer: string | undefined;
  private shownUnits = '';
  private selectedIds = new Set<number>();
  /** Writes values into feature-state (only what changed; a large layer's unseen units when idle). */
  private readonly values = new ValueStateWriter(
    (id, state) => this.map.setFeatureState(this.unitFeature(id), state),
    whenIdle,
  );
  /** Ids in the units tiles the map has loaded, at its last idle (a large layer's visible units). */
  private loadedIds: number[] = [];
  private largeLayer = false;
  private readonly basemap: BasemapOnMap;

  constructor(private readonly options: AtlasMapOptions) {
    const offscreen = options.offscreen;
    const base: MapOptions = {
      container: options.container,
      style: styleWithBasemap(createStyle(), options.basemap ?? null, options.lang ?? 'vi'),
      bounds: options.bounds ?? COUNTRY_BOUNDS,
      fitBoundsOptions: { padding: 32 },
      // Exports read the canvas after the frame is drawn.
      canvasContextAttributes: { preserveDrawingBuffer: true, ...(offscreen ? { antialias: true } : {}) },
      locale: mapLibreLocale(options.title),
      renderWorldCopies: false,
    };
    this.map = new MapLibreMap(
      offscreen
        ? {
            ...base,
            pixelRatio: 1,
            maxCanvasSize: [offscreen.maxCanvasSize, offscreen.maxCanvasSize],
            interactive: false,
            attributionControl: false,
            fadeDuration: 0,
            minZoom: 0,
            maxZoom: 20,
          }
        : {
            ...base,
            minZoom: 8,
            maxZoom: 18,
            // Expanded: the basemap's credit (© OpenStreetMap contributors) stays on screen.
            attributionControl: { compact: false },
            // A thematic map of a city: north stays up.
            dragRotate: false,
            pitchWithRotate: false,
            maxPitch: 0,
          },
    );
    if (!offscreen) {
      this.map.touchZoomRotate.disableRotation();
      this.map.keyboard.disableRotation();
      if (options.keyboard === false) this.map.keyboard.disable();
      this.addNavigation();
      this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    }
    this.basemap = new BasemapOnMap(this.map, options.basemap ?? null);
    this.map.getCanvas().setAttribute('aria-label', options.title);
    this.map.on('error', (event) => console.error('MapLibre:', event.error?.message ?? event));
    // A large layer's next step writes these units first; a move needs every unit written before
    // new tiles show.
    this.map.on('idle', () => {
      if (this.largeLayer && this.map.getSource(UNITS_SOURCE)) {
        const features = this.map.querySourceFeatures(
          UNITS_SOURCE,
          this.sourceLayer ? { sourceLayer: this.sourceLayer } : {},
        );
        this.loadedIds = features.map((f) => Number(f.id));
      }
    });
    this.map.on('movestart', () => this.values.flush());
    const hook = options.testHook ?? '__map';
    if (testMode && hook) (window as unknown as Record<string, unknown>)[hook] = this.map;
    this.ready = new Promise<void>((resolve) => {
      if (this.map.isStyleLoaded()) resolve();
      else this.map.once('load', () => resolve());
    }).then(() => addHotspotIcons(this.map));
  }

  private addNavigation(): void {
    if (this.navigation) this.map.removeControl(this.navigation);
    this.navigation = new NavigationControl({ showCompass: false });
    this.map.addControl(this.navigation, 'top-right');
  }

  /**
   * The interface language changed (or the title): MapLibre reads its control texts when a control
   * is created and has no public setter, so the locale is replaced and the controls re-created.
   */
  setTitle(title: string): void {
    (this.map as unknown as { _locale: Record<string, string> })._locale = mapLibreLocale(title);
    this.map.getCanvas().setAttribute('aria-label', title);
    if (this.navigation) this.addNavigation();
  }

  /** Draws this basemap (or none): layers swapped for another archive or flavour, repainted for opacity. */
  /** Labels and hotspot icons sized for a projector read from afar (presentation mode), or as usual. */
  setProjector(on: boolean): void {
    this.map.setLayoutProperty(LAYERS.labels, 'text-size', on ? PROJECTOR_LABEL_SIZE : LABEL_SIZE);
    this.map.setLayoutProperty(LAYERS.hotspotIcons, 'icon-size', on ? PROJECTOR_ICON_SIZE : ICON_SIZE);
  }

  setBasemap(shown: ShownBasemap | null): void {
    this.basemap.show(shown);
  }

  /** The credit of the basemap drawn (printed on exports), or null. */
  get basemapAttribution(): string | null {
    return this.basemap.attribution;
  }

  /** The language of the map's own names (the Hoàng Sa / Trường Sa labels). */
  setLanguage(lang: 'vi' | 'en'): void {
    this.basemap.setLanguage(lang);
  }

  destroy(): void {
    const hook = this.options.testHook ?? '__map';
    const w = window as unknown as Record<string, unknown>;
    if (testMode && hook && w[hook] === this.map) delete w[hook];
    this.map.remove();
  }

  /** The feature-state target of a unit: vector sources also need their source layer. */
  unitFeature(id: number): { source: string; id: number; sourceLayer?: string } {
    return this.sourceLayer
      ? { source: UNITS_SOURCE, sourceLayer: this.sourceLayer, id }
      : { source: UNITS_SOURCE, id };
  }

  setUnitState(id: number, state: Record<string, unknown>): void {
    this.map.setFeatureState(this.unitFeature(id), state);
  }

  /** Makes the units source match `spec` (swapping source and layers only when the kind changes). */
  useUnitsSource(spec: UnitsSourceSpec): void {
    const key = spec.type === 'geojson' ? 'geojson' : spec.tiles[0]!;
    if (key === this.unitsKind) return;
    const map = this.map;
    for (const id of [LAYERS.fill, LAYERS.outline]) if (map.getLayer(id)) map.removeLayer(id);
    map.removeSource(UNITS_SOURCE);
    if (spec.type === 'geojson') map.addSource(UNITS_SOURCE, { type: 'geojson', data: empty(), promoteId: 'id' });
    else {
      const { tiles, promoteId, minzoom, maxzoom } = spec;
      map.addSource(UNITS_SOURCE, { type: 'vector', tiles, promoteId, minzoom, maxzoom });
    }
    const [fill, outline] = unitLayers(spec.type === 'vector' ? spec.sourceLayer : undefined);
    // Under the basemap's roads (when there is one), as the style first had them.
    const before = this.basemap.roadsStart() ?? LAYERS.drill;
    map.addLayer(fill!, before);
    map.addLayer(outline!, before);
    this.unitsKind = key;
    this.sourceLayer = spec.type === 'vector' ? spec.sourceLayer : undefined;
    // A new source starts without feature-state.
    this.values.reset();
    this.loadedIds = [];
    this.shownUnits = '';
    this.selectedIds.clear();
  }

  /**
   * Puts unit boundaries on the map, once per `key` (level and boundary date): polygons into the
   * units source, one NFC label point per unit, and the view fitted to them (`fitPadding`).
   */
  showUnits(units: UnitsCollection, key: string, fitPadding: number | null = 32): void {
    this.useUnitsSource({ type: 'geojson' });
    if (key !== this.shownUnits) {
      this.map.getSource<GeoJSONSource>(UNITS_SOURCE)?.setData(units);
      this.setData(
        LABELS_SOURCE,
        labelPoints(units, (feature) => {
          const props = (feature.properties ?? {}) as Partial<UnitsCollection['features'][number]['properties']>;
          return { id: props.id ?? Number(feature.id), label: normalizeLabel(props.short_name || props.name) };
        }),
      );
      this.shownUnits = key;
      this.selectedIds.clear();
    }
    const bounds = unitsBounds(units);
    if (fitPadding !== null && bounds.every(Number.isFinite)) {
      this.map.fitBounds(bounds as LngLatBoundsLike, { padding: fitPadding, duration: 0 });
    }
  }

  setData(source: string, data: FeatureCollection): void {
    this.map.getSource<GeoJSONSource>(source)?.setData(data);
  }

  /**
   * Colours the units by writing value, class and colour into feature-state: geometry is untouched,
   * so a period step costs one `setFeatureState` per unit whose state changed and a repaint. Units of
   * `allIds` missing from the view are reset to no data. With `onDone`, a large layer's units outside
   * the loaded tiles are written when the page is idle, then `onDone` runs; without, all at once.
   */
  applyPeriod(view: PeriodView, allIds: readonly number[] = [], onDone?: () => void): void {
    this.values.apply(view, allIds, this.loadedIds, onDone);
    this.largeLayer = view.ids.length > DEFER_ABOVE;
  }

  /** Colours units by a colour per id (the planning map's score, status or comparison), the rest grey. */
  applyColors(colors: ReadonlyMap<number, string>, previous: ReadonlyMap<number, string>): void {
    this.values.reset();
    for (const id of previous.keys()) if (!colors.has(id)) this.setUnitState(id, { color: null });
    for (const [id, color] of colors) if (previous.get(id) !== color) this.setUnitState(id, { color });
  }

  /** Outlines the units of `ids` as selected (and no other). */
  select(ids: Iterable<number>): void {
    const next = new Set(ids);
    for (const id of this.selectedIds) if (!next.has(id)) this.setUnitState(id, { selected: false });
    for (const id of next) if (!this.selectedIds.has(id)) this.setUnitState(id, { selected: true });
    this.selectedIds = next;
  }

  /** Outlines one hotspot group strongly (a halo and a thick line), or none. */
  focusHotspot(unitId: number | null): void {
    for (const id of [LAYERS.hotspotFocusHalo, LAYERS.hotspotFocus]) {
      if (this.map.getLayer(id)) this.map.setFilter(id, hotspotFocusFilter(unitId));
    }
  }

  showHotspots(layers: HotspotLayers | null): void {
    this.setData(HOTSPOTS_SOURCE, layers?.polygons ?? empty());
    this.setData(HOTSPOT_POINTS_SOURCE, layers?.points ?? empty());
  }

  /** Draws a view model (presentation, exports): its units, values and classes, its selection. */
  showModel(model: ViewModel): void {
    this.showUnits(model.units, `${model.level}|${model.at}`, null);
    this.applyPeriod(model.view, model.unitIds);
    const sel = model.state.selected;
    this.select(sel !== null && model.view.row.has(sel) ? [sel] : []);
  }

  /** One unit outlined over a veiled surrounding (the ward atlas), or none. */
  focus(unit: Feature<Polygon | MultiPolygon> | null): void {
    const map = this.map;
    if (!map.getSource(FOCUS_SOURCE)) {
      map.addSource(FOCUS_SOURCE, { type: 'geojson', data: empty() });
      // Everything outside the focused unit is veiled, so the page is about that unit at a glance.
      map.addLayer(
        {
          id: 'focus-mask',
          type: 'fill',
          source: FOCUS_SOURCE,
          filter: ['==', ['get', 'mask'], true],
          paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.55 },
        },
        LAYERS.labels,
      );
      map.addLayer(
        {
          id: 'focus-outline',
          type: 'line',
          source: FOCUS_SOURCE,
          filter: ['!=', ['get', 'mask'], true],
          layout: { 'line-join': 'round' },
          paint: { 'line-color': '#0b3d91', 'line-width': 4 },
        },
        LAYERS.labels,
      );
    }
    this.setData(FOCUS_SOURCE, { type: 'FeatureCollection', features: unit ? [maskAround(unit), unit] : [] });
  }

  /**
   * Resolves at the next `idle` once every source's tiles are in (the basemap's too: a print at
   * 300 dpi asks for many more of them than the screen), failing after `timeout` ms.
   */
  idle(timeout: number, message: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(message)), timeout);
      const wait = () =>
        this.map.once('idle', () => {
          if (!this.map.areTilesLoaded()) {
            wait();
            this.map.triggerRepaint();
            return;
          }
          clearTimeout(timer);
          resolve();
        });
      wait();
      this.map.triggerRepaint();
    });
  }
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
