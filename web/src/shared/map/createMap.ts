/**
 * Creates the MapLibre map with the atlas style. Works offline: the worker script, CSS and fonts
 * are bundled with the app and the style names no outside URL.
 */
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre 6 does not bundle its worker into ours: hand it the URL of the packaged module, or no
// tile is ever parsed and the map never becomes idle.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { createStyle } from './style.ts';

setWorkerUrl(workerUrl);

/** Ninh Bình city, before the boundaries arrive and the map fits them. */
const INITIAL_CENTER: [number, number] = [105.975, 20.25];
const INITIAL_ZOOM = 12;

/** Texts of MapLibre's own controls, in Vietnamese. */
const LOCALE_VI: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Hiện/ẩn nguồn dữ liệu',
  'FullscreenControl.Enter': 'Toàn màn hình',
  'FullscreenControl.Exit': 'Thoát toàn màn hình',
  'Map.Title': 'Bản đồ',
  'NavigationControl.ResetBearing': 'Xoay về hướng bắc',
  'NavigationControl.ZoomIn': 'Phóng to',
  'NavigationControl.ZoomOut': 'Thu nhỏ',
  'Popup.Close': 'Đóng',
  'ScaleControl.Meters': 'm',
  'ScaleControl.Kilometers': 'km',
};

/** The same texts in English (MapLibre's defaults, plus our map title). */
const LOCALE_EN: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Toggle attribution',
  'FullscreenControl.Enter': 'Enter fullscreen',
  'FullscreenControl.Exit': 'Exit fullscreen',
  'Map.Title': 'Map',
  'NavigationControl.ResetBearing': 'Reset bearing to north',
  'NavigationControl.ZoomIn': 'Zoom in',
  'NavigationControl.ZoomOut': 'Zoom out',
  'Popup.Close': 'Close popup',
  'ScaleControl.Meters': 'm',
  'ScaleControl.Kilometers': 'km',
};

const navigation = new WeakMap<MapLibreMap, NavigationControl>();

/**
 * Switches MapLibre's own texts (control tooltips, the map's accessible name). MapLibre reads them
 * when a control is created and has no public setter, so the locale table is replaced and the
 * navigation control re-created.
 */
export function setMapLanguage(map: MapLibreMap, lang: 'vi' | 'en', title: string): void {
  (map as unknown as { _locale: Record<string, string> })._locale = {
    ...(lang === 'en' ? LOCALE_EN : LOCALE_VI),
    'Map.Title': title,
  };
  map.getCanvas().setAttribute('aria-label', title);
  const old = navigation.get(map);
  if (old) map.removeControl(old);
  const control = new NavigationControl({ showCompass: false });
  map.addControl(control, 'top-right');
  navigation.set(map, control);
}

export interface CreateMapOptions {
  /** Accessible name of the map region. */
  title?: string;
}

export function createMap(container: HTMLElement, options: CreateMapOptions = {}): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style: createStyle(),
    center: INITIAL_CENTER,
    zoom: INITIAL_ZOOM,
    minZoom: 8,
    maxZoom: 18,
    // Exports (PNG, PDF) read the canvas after the frame is drawn.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    locale: options.title ? { ...LOCALE_VI, 'Map.Title': options.title } : LOCALE_VI,
    attributionControl: { compact: true },
    // A thematic map of a city: north stays up.
    dragRotate: false,
    pitchWithRotate: false,
    maxPitch: 0,
    renderWorldCopies: false,
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  const control = new NavigationControl({ showCompass: false });
  map.addControl(control, 'top-right');
  navigation.set(map, control);
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  return map;
}

/** Resolves once the style is loaded (immediately if it already is). */
export function whenStyleLoaded(map: MapLibreMap): Promise<void> {
  if (map.isStyleLoaded()) return Promise.resolve();
  return new Promise((resolve) => map.once('load', () => resolve()));
}
