/**
 * Renders a view's choropleth with MapLibre into an offscreen map at an exact pixel size, and hands
 * back a 2D canvas of that size.
 *
 * Print sizes are real: A3 at 300 dpi is 4961×3508 px. MapLibre caps its canvas at `maxCanvasSize`
 * (4096 by default) by silently lowering the pixel ratio, so the cap is raised to what the WebGL
 * context allows (the smallest of MAX_TEXTURE_SIZE, MAX_RENDERBUFFER_SIZE and MAX_VIEWPORT_DIMS).
 * A size beyond that — or a drawing buffer the browser gave smaller than asked — is rendered in
 * tiles: the same camera shifted by each tile's offset, each tile read back (the context keeps its
 * drawing buffer: `preserveDrawingBuffer`) and stitched onto the 2D canvas. Tile sizes are whole
 * device pixels so that the seams fall on pixel edges.
 *
 * Measured in the browser test (Debian Chromium, SwiftShader software WebGL, demo data, 14 wards, a
 * 2-core machine shared with other jobs, load average 2–11, hence the spread): the map of an A3
 * 300 dpi PNG (about 3,700×2,900 device px of the 4961×3508 sheet) renders in one piece in 1–28 s
 * (3 s on a quiet machine); the whole export, with composition and PNG encoding (png.ts, 3–17 s),
 * takes 6–46 s (6 s quiet). A GPU does the
 * map in a fraction of that. The 1920×1080 sheet forced into 512 px tiles (6 tiles) matches the
 * one-piece render (browser test).
 */
import { texts } from './texts.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { AtlasMap } from '../../shared/map/atlasMap.ts';
import { basemap } from '../../shared/map/basemap/basemap.svelte.ts';
import { lang } from '../../shared/i18n/lang.svelte.ts';
import { HOTSPOT_CATEGORIES, HOTSPOT_STATUSES, type HotspotCategory } from '../../shared/map/hotspotIcons.ts';
import { BACKGROUND_COLOR } from '../../shared/map/style.ts';
import { testMode } from '../../shared/map/testHooks.ts';
import { sources } from '../../shared/map/sources.ts';
import { mapTexts } from '../../shared/map/texts.ts';
import type { ViewModel } from '../../shared/map/viewModel.ts';
import { fitCamera, tileCenter, viewCamera, type Camera } from '../../shared/map/camera.ts';
import { hotspotLayers, hotspotsAt, type HotspotLayers } from '../../shared/map/hotspots.ts';

export interface GlLimits {
  maxTextureSize: number;
  maxRenderbufferSize: number;
  maxViewport: number;
  /** The largest canvas side rendered in one piece. */
  limit: number;
}

let limits: GlLimits | undefined;

/** The WebGL limits of this browser, probed once on a throwaway context. */
export function glLimits(): GlLimits {
  if (limits) return limits;
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) throw new Error(texts.t.noWebgl);
  const maxTextureSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
  const maxRenderbufferSize = gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number;
  const dims = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  const maxViewport = Math.min(dims[0] ?? 4096, dims[1] ?? 4096);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  limits = {
    maxTextureSize,
    maxRenderbufferSize,
    maxViewport,
    limit: Math.min(maxTextureSize, maxRenderbufferSize, maxViewport),
  };
  return limits;
}

/** Browser tests force tiling with `?test=1&exportTile=N`. */
function tileOverride(): number | null {
  if (!testMode) return null;
  const n = Number(new URLSearchParams(window.location.search).get('exportTile'));
  return Number.isInteger(n) && n >= 256 ? n : null;
}

export interface RenderOptions {
  /** Output size in device pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel: how large labels and lines are drawn (print: dpi / 96). */
  pixelRatio: number;
  /** Space around the fitted units, CSS px. */
  padding?: number;
  /** Fit these bounds instead of the view's own camera (the atlas: one ward). */
  fitBounds?: [number, number, number, number];
  /** A unit outlined on top (the atlas's ward). */
  focus?: Feature<Polygon | MultiPolygon> | null;
}

export interface RenderedMap {
  canvas: HTMLCanvasElement;
  camera: Camera;
  pixelRatio: number;
  tiles: number;
  milliseconds: number;
  /** Hotspot statuses and problems drawn (for the legend). */
  hotspotStatuses: string[];
  hotspotCategories: HotspotCategory[];
}

/** A whole number of CSS px whose size in device px is (nearly) whole, at most `maxDevice` device px. */
function wholeTile(maxDevice: number, ratio: number): number {
  const css = Math.floor(maxDevice / ratio);
  for (let c = css; c > css - 64 && c > 16; c--) {
    if (Math.abs(c * ratio - Math.round(c * ratio)) < 1e-6) return c;
  }
  return css;
}

/** The hotspots of a view as the map page draws them by default (from the page's source cache). */
export async function viewHotspots(model: Pick<ViewModel, 'at' | 'state'>): Promise<HotspotLayers> {
  const [groups, list] = await Promise.all([sources.units('group', model.at), sources.hotspots(model.at)]);
  return hotspotLayers(hotspotsAt(list, model.state.period), groups);
}

/** One offscreen map, reused for every page of an export (a briefing, an atlas). */
export class MapRenderer {
  private constructor(
    private readonly atlas: AtlasMap,
    private readonly container: HTMLDivElement,
    private readonly limit: number,
  ) {}

  static async open(): Promise<MapRenderer> {
    const { limit } = glLimits();
    const container = document.createElement('div');
    container.setAttribute('aria-hidden', 'true');
    Object.assign(container.style, {
      position: 'fixed',
      left: '-40000px',
      top: '0',
      width: '800px',
      height: '600px',
      pointerEvents: 'none',
    });
    document.body.append(container);
    const atlas = new AtlasMap({
      container,
      title: mapTexts.t.mapTitle,
      offscreen: { maxCanvasSize: limit },
      testHook: false,
      // The basemap on screen, in the first style: every frame drawn (and waited for) has its tiles.
      basemap: basemap.shown,
      lang: lang.current,
    });
    await atlas.ready;
    return new MapRenderer(atlas, container, tileOverride() ?? limit);
  }

  close(): void {
    this.atlas.destroy();
    this.container.remove();
  }

  private async draw(cssWidth: number, cssHeight: number, ratio: number, center: [number, number], zoom: number) {
    this.container.style.width = `${cssWidth}px`;
    this.container.style.height = `${cssHeight}px`;
    this.atlas.map.setPixelRatio(ratio);
    this.atlas.map.jumpTo({ center, zoom });
    await this.atlas.idle(60_000, texts.t.notDrawn);
    return this.atlas.map.getCanvas();
  }

  /** The drawing buffer the browser really gave (it may be smaller than the canvas). */
  private drawingBuffer(): { width: number; height: number } | null {
    const gl = (this.atlas.map as unknown as { painter?: { context?: { gl?: WebGLRenderingContext } } }).painter
      ?.context?.gl;
    return gl ? { width: gl.drawingBufferWidth, height: gl.drawingBufferHeight } : null;
  }

  async render(model: ViewModel, options: RenderOptions): Promise<RenderedMap> {
    const started = performance.now();
    const { width, height } = options;
    const ratio = options.pixelRatio;
    const padding = options.padding ?? 24;
    const full = { width: width / ratio, height: height / ratio };
    const camera = options.fitBounds
      ? fitCamera(options.fitBounds, full.width, full.height, padding)
      : viewCamera(model, full.width, full.height, padding);
    this.atlas.showModel(model);
    this.atlas.focus(options.focus ?? null);
    // Hotspots as the map page shows them; a map without them is still a map.
    const spots = await viewHotspots(model).catch(() => null);
    this.atlas.showHotspots(spots);

    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error(texts.t.noCanvas);
    ctx.fillStyle = BACKGROUND_COLOR;
    ctx.fillRect(0, 0, width, height);

    let limit = this.limit;
    let tiles = 0;
    if (width <= limit && height <= limit) {
      // One piece: whole CSS px, and the ratio nudged so that the canvas is exactly width×height.
      const cssW = Math.max(1, Math.round(full.width));
      const cssH = Math.max(1, Math.round(full.height));
      const canvas = await this.draw(cssW, cssH, width / cssW, camera.center, camera.zoom);
      const buffer = this.drawingBuffer();
      if (!buffer || (buffer.width >= canvas.width && buffer.height >= canvas.height)) {
        ctx.drawImage(canvas, 0, 0, width, height);
        tiles = 1;
      } else {
        limit = Math.min(buffer.width, buffer.height);
      }
    }
    if (tiles === 0) {
      const tileCss = wholeTile(limit, ratio);
      const tileDevice = tileCss * ratio;
      const cols = Math.ceil(width / tileDevice);
      const rows = Math.ceil(height / tileDevice);
      for (let row = 0; row < rows; row++) {
        for (let col = 0; col < cols; col++) {
          const x = col * tileCss;
          const y = row * tileCss;
          const center = tileCenter(camera, full, x, y, tileCss, tileCss);
          const canvas = await this.draw(tileCss, tileCss, ratio, center, camera.zoom);
          ctx.drawImage(canvas, Math.round(x * ratio), Math.round(y * ratio), canvas.width, canvas.height);
          tiles += 1;
        }
      }
    }
    const icons = spots?.points.features.map((f) => String(f.properties?.icon)) ?? [];
    const statuses = new Set(spots?.polygons.features.map((f) => String(f.properties?.status)) ?? []);
    return {
      canvas: out,
      camera,
      pixelRatio: ratio,
      tiles,
      milliseconds: Math.round(performance.now() - started),
      hotspotStatuses: HOTSPOT_STATUSES.filter((st) => statuses.has(st)),
      hotspotCategories: HOTSPOT_CATEGORIES.filter((c) => icons.some((icon) => icon.startsWith(`hotspot-${c}-`))),
    };
  }
}

/** Renders one view in a map of its own. */
export async function renderView(model: ViewModel, options: RenderOptions): Promise<RenderedMap> {
  const renderer = await MapRenderer.open();
  try {
    return await renderer.render(model, options);
  } finally {
    renderer.close();
  }
}
