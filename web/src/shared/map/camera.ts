/**
 * Cameras computed without a map of the target size: fitting bounds into an export's view, a saved
 * view's camera scaled to a larger sheet, and the centre of each tile of a tiled render (all tiles
 * share one zoom; each is the full view shifted by its offset). Web Mercator as MapLibre uses it:
 * x and y in [0, 1], the world 512 CSS px wide at zoom 0.
 */
import type { ViewModel } from './viewModel.ts';

const WORLD = 512;
/** A saved view's zoom was chosen on a map area of about this size (CSS px); larger exports zoom in. */
const REFERENCE_VIEW = { width: 960, height: 720 };

export interface Camera {
  center: [number, number];
  zoom: number;
}

export function toMercator([lng, lat]: [number, number]): { x: number; y: number } {
  const x = (lng + 180) / 360;
  const y = (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360;
  return { x, y };
}

export function fromMercator(x: number, y: number): [number, number] {
  const lng = x * 360 - 180;
  const lat = (360 / Math.PI) * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180)) - 90;
  return [lng, lat];
}

/** The camera showing `bounds` [w, s, e, n] in a `width`×`height` CSS px view with `padding` around. */
export function fitCamera(
  bounds: [number, number, number, number],
  width: number,
  height: number,
  padding: number,
  maxZoom = 16,
): Camera {
  const a = toMercator([bounds[0], bounds[3]]);
  const b = toMercator([bounds[2], bounds[1]]);
  const dx = Math.max(Math.abs(b.x - a.x), 1e-9);
  const dy = Math.max(Math.abs(b.y - a.y), 1e-9);
  const scale = Math.min((width - 2 * padding) / (WORLD * dx), (height - 2 * padding) / (WORLD * dy));
  const zoom = Math.min(Math.max(Math.log2(Math.max(scale, 1e-9)), 0), maxZoom);
  return { center: fromMercator((a.x + b.x) / 2, (a.y + b.y) / 2), zoom };
}

/** The camera of a view: its saved centre and zoom (scaled to the export's size), or its units fitted. */
export function viewCamera(
  model: Pick<ViewModel, 'state' | 'bounds'>,
  width: number,
  height: number,
  padding: number,
): Camera {
  const view = model.state.view;
  if (!view) return fitCamera(model.bounds, width, height, padding);
  const grow = Math.min(width / REFERENCE_VIEW.width, height / REFERENCE_VIEW.height);
  return { center: [view.lng, view.lat], zoom: view.zoom + Math.log2(grow) };
}

/** The centre of the part of a view at offset (x, y) CSS px, size w×h, of a full view of W×H around `camera`. */
export function tileCenter(
  camera: Camera,
  full: { width: number; height: number },
  x: number,
  y: number,
  w: number,
  h: number,
) {
  const c = toMercator(camera.center);
  const world = WORLD * 2 ** camera.zoom;
  const mx = c.x + (x + w / 2 - full.width / 2) / world;
  const my = c.y + (y + h / 2 - full.height / 2) / world;
  return fromMercator(mx, my);
}

/** Metres on the ground per CSS pixel at the camera's centre. */
export function metresPerPixel(camera: Camera): number {
  return (40_075_016.686 * Math.cos((camera.center[1] * Math.PI) / 180)) / (WORLD * 2 ** camera.zoom);
}

/** A picked unit is never zoomed past this (a street block, not a house). */
export const SELECT_MAX_ZOOM = 14;

/**
 * How the map flies to a picked unit in a `width`×`height` CSS px map: the unit takes at most half
 * of the map each way (a quarter of the width left and right, of the height above and below), so its neighbours stay
 * in view and a tap on a small ward on a tablet does not fill the screen with it; and never past
 * SELECT_MAX_ZOOM.
 */
export function selectFit(
  width: number,
  height: number,
): { padding: { top: number; bottom: number; left: number; right: number }; maxZoom: number; duration: number } {
  const x = Math.max(8, Math.round(width / 4));
  const y = Math.max(8, Math.round(height / 4));
  return { padding: { top: y, bottom: y, left: x, right: x }, maxZoom: SELECT_MAX_ZOOM, duration: 600 };
}
