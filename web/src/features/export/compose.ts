/**
 * A PNG of a view as a finished map sheet, drawn on a 2D canvas: title, subtitle with the period,
 * the map (rendered at the sheet's own pixel size, see renderView.ts), legend with classes, counts
 * and unit, scale bar, north arrow, data source and attribution, who exported it and when, the
 * classification line and — whenever the server says the data is the demo — a visible demo mark.
 * Text is drawn in the app's packaged Noto Sans (the same files as the interface), loaded before
 * drawing so that Vietnamese letters are never drawn in a fallback font.
 */
import { texts } from './texts.ts';
import { hotspotWord } from '../../shared/i18n/common.texts.ts';
import { mapTexts } from '../../shared/map/texts.ts';
import { drawHotspotIcon, type HotspotCategory } from '../../shared/map/hotspotIcons.ts';
import { STATUS_COLORS } from '../../shared/map/style.ts';
import { DEMO_MARK, footerLines, scaleBar, type ExportContext, type ExportSize } from './meta.ts';
import { levelNameOf, placeNameOf, type ViewModel } from '../../shared/map/viewModel.ts';
import { lang } from '../../shared/i18n/lang.svelte.ts';
import { MapRenderer, type RenderedMap } from './renderView.ts';
import { metresPerPixel } from '../../shared/map/camera.ts';

const FONT = '"Noto Sans", sans-serif';
const INK = '#1b1b1b';
const MUTED = '#555555';
const ALERT = '#b3261e';

export interface ComposedSheet {
  canvas: HTMLCanvasElement;
  map: RenderedMap;
  /** What the sheet says on top, also written into the file (PNG text). */
  title: string;
  subtitle: string;
}

/** Makes sure the packaged font's files for these texts are loaded (each subset loads on demand). */
export async function loadFonts(texts: string[]): Promise<void> {
  const sample = [...new Set(texts.join('').split(''))].join('') || 'A';
  await Promise.all([document.fonts.load(`400 16px ${FONT}`, sample), document.fonts.load(`600 16px ${FONT}`, sample)]);
}

function font(ctx: CanvasRenderingContext2D, px: number, weight: 400 | 600 = 400): void {
  ctx.font = `${weight} ${Math.round(px)}px ${FONT}`;
}

/** Breaks `text` into lines no wider than `max` in the current font. */
export function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width <= max || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function sheetTitle(model: ViewModel, title: string | null): { title: string; subtitle: string } {
  const main = title?.trim() || model.legendTitle;
  return {
    title: main,
    subtitle: [
      model.legendTitle,
      model.periodLabel,
      levelNameOf(model.level, lang.current),
      placeNameOf(model.place, lang.current),
    ]
      .filter(Boolean)
      .join(' · '),
  };
}

/** Draws a north arrow centred at (x, y), `size` tall. */
function northArrow(ctx: CanvasRenderingContext2D, x: number, y: number, size: number, letter: string): void {
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.beginPath();
  ctx.arc(x, y, size * 0.62, 0, Math.PI * 2);
  ctx.fill();
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, size / 30);
  ctx.beginPath();
  ctx.moveTo(x, y - size * 0.45);
  ctx.lineTo(x + size * 0.2, y + size * 0.3);
  ctx.lineTo(x, y + size * 0.18);
  ctx.closePath();
  ctx.fillStyle = INK;
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(x, y - size * 0.45);
  ctx.lineTo(x - size * 0.2, y + size * 0.3);
  ctx.lineTo(x, y + size * 0.18);
  ctx.closePath();
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.stroke();
  font(ctx, size * 0.3, 600);
  ctx.fillStyle = INK;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(letter, x, y - size * 0.44);
  ctx.restore();
}

/** Draws the sheet on a canvas of the size's exact pixels. */
export async function composeSheet(
  model: ViewModel,
  size: ExportSize,
  context: ExportContext,
  title: string | null,
  renderer?: MapRenderer,
): Promise<ComposedSheet> {
  const W = size.width;
  const H = size.height;
  const u = Math.min(W / 1920, H / 1080);
  const { title: heading, subtitle } = sheetTitle(model, title);
  const footer = footerLines(context, model);
  const classification = context.settings.classification.trim();
  await loadFonts([heading, subtitle, ...footer, classification, DEMO_MARK, ...model.legend.map((l) => l.label)]);

  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(texts.t.noCanvas);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.textBaseline = 'alphabetic';

  const m = 28 * u;
  const legendW = 400 * u;
  // Header: classification and demo mark on the right, title and subtitle on the left.
  let rightTop = m;
  const rightBlock: number[] = [];
  ctx.textAlign = 'right';
  if (classification) {
    font(ctx, 34 * u, 600);
    ctx.fillStyle = ALERT;
    ctx.fillText(classification, W - m, rightTop + 34 * u);
    rightBlock.push(ctx.measureText(classification).width);
    rightTop += 46 * u;
  }
  if (context.demo) {
    font(ctx, 20 * u, 600);
    const w = ctx.measureText(DEMO_MARK).width + 24 * u;
    ctx.strokeStyle = ALERT;
    ctx.lineWidth = 3 * u;
    ctx.strokeRect(W - m - w, rightTop, w, 34 * u);
    ctx.fillStyle = ALERT;
    ctx.fillText(DEMO_MARK, W - m - 12 * u, rightTop + 25 * u);
    rightBlock.push(w);
  }
  const headerTextW = W - 2 * m - Math.max(0, ...rightBlock) - 24 * u;
  ctx.textAlign = 'left';
  ctx.fillStyle = INK;
  font(ctx, 40 * u, 600);
  const titleLines = wrap(ctx, heading, headerTextW).slice(0, 2);
  let y = m + 40 * u;
  for (const line of titleLines) {
    ctx.fillText(line, m, y);
    y += 50 * u;
  }
  font(ctx, 22 * u);
  ctx.fillStyle = MUTED;
  const subLines = wrap(ctx, subtitle, headerTextW).slice(0, 2);
  y -= 8 * u;
  for (const line of subLines) {
    ctx.fillText(line, m, y);
    y += 30 * u;
  }
  const headerBottom = Math.max(y, rightTop + 40 * u);

  // Footer lines, bottom up.
  font(ctx, 16 * u);
  ctx.fillStyle = MUTED;
  const lineH = 22 * u;
  const footerTop = H - m - footer.length * lineH;
  footer.forEach((line, i) => ctx.fillText(line, m, footerTop + (i + 1) * lineH - 6 * u, W - 2 * m));

  // The map, rendered at its own device pixel size.
  const mapX = Math.round(m);
  const mapY = Math.round(headerBottom);
  const mapW = Math.round(W - 2 * m - legendW - 20 * u);
  const mapH = Math.round(footerTop - 14 * u - mapY);
  const own = renderer ? null : await MapRenderer.open();
  let map: RenderedMap;
  try {
    map = await (renderer ?? own!).render(model, { width: mapW, height: mapH, pixelRatio: size.pixelRatio });
  } finally {
    own?.close();
  }
  ctx.drawImage(map.canvas, mapX, mapY);
  ctx.strokeStyle = '#777';
  ctx.lineWidth = Math.max(1, u);
  ctx.strokeRect(mapX, mapY, mapW, mapH);

  if (context.demo) {
    // A watermark across the map too: a cropped corner must still say it.
    ctx.save();
    ctx.translate(mapX + mapW / 2, mapY + mapH / 2);
    ctx.rotate(-Math.atan2(mapH, mapW));
    font(ctx, Math.min(mapW, mapH) / 9, 600);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = 'rgba(179, 38, 30, 0.13)';
    ctx.fillText(DEMO_MARK.toUpperCase(), 0, 0, Math.hypot(mapW, mapH) * 0.85);
    ctx.restore();
  }

  // Scale bar, bottom left of the map.
  const perPixel = metresPerPixel(map.camera) / map.pixelRatio;
  const bar = scaleBar(mapW * 0.22 * perPixel);
  const barPx = bar.metres / perPixel;
  const bx = mapX + 18 * u;
  const by = mapY + mapH - 22 * u;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(bx - 10 * u, by - 40 * u, barPx + 20 * u + 60 * u, 52 * u);
  ctx.fillStyle = INK;
  ctx.fillRect(bx, by - 8 * u, barPx / 2, 8 * u);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2 * u;
  ctx.strokeRect(bx, by - 8 * u, barPx, 8 * u);
  font(ctx, 16 * u);
  ctx.textAlign = 'left';
  ctx.fillText('0', bx - 4 * u, by - 14 * u);
  ctx.fillText(bar.label, bx + barPx - 8 * u, by - 14 * u);

  northArrow(ctx, mapX + mapW - 50 * u, mapY + 60 * u, 72 * u, texts.t.north);

  // Legend panel.
  const lx = mapX + mapW + 20 * u;
  const lw = W - m - lx;
  ctx.fillStyle = '#f7f7f5';
  ctx.fillRect(lx, mapY, lw, mapH);
  ctx.strokeStyle = '#cccccc';
  ctx.lineWidth = Math.max(1, u);
  ctx.strokeRect(lx, mapY, lw, mapH);
  const pad = 18 * u;
  let ly = mapY + pad;
  ctx.fillStyle = INK;
  font(ctx, 22 * u, 600);
  for (const line of wrap(ctx, model.legendTitle, lw - 2 * pad).slice(0, 4)) {
    ly += 28 * u;
    ctx.fillText(line, lx + pad, ly);
  }
  font(ctx, 17 * u);
  ctx.fillStyle = MUTED;
  for (const line of wrap(
    ctx,
    `${model.periodLabel} · ${mapTexts.t.unitOfMeasure}: ${model.unitLabel}`,
    lw - 2 * pad,
  )) {
    ly += 24 * u;
    ctx.fillText(line, lx + pad, ly);
  }
  ly += 16 * u;
  const rowH = Math.min(38 * u, (mapY + mapH - ly - 80 * u) / Math.max(1, model.legend.length));
  for (const line of model.legend) {
    ctx.fillStyle = line.color;
    ctx.fillRect(lx + pad, ly, 44 * u, rowH * 0.7);
    ctx.strokeStyle = '#3d3d3d';
    ctx.lineWidth = Math.max(1, u);
    ctx.strokeRect(lx + pad, ly, 44 * u, rowH * 0.7);
    ctx.fillStyle = INK;
    font(ctx, 19 * u);
    ctx.textAlign = 'left';
    ctx.fillText(line.label, lx + pad + 58 * u, ly + rowH * 0.58, lw - 2 * pad - 120 * u);
    ctx.textAlign = 'right';
    ctx.fillStyle = MUTED;
    ctx.fillText(String(line.count), lx + lw - pad, ly + rowH * 0.58);
    ly += rowH;
  }
  ctx.textAlign = 'left';
  font(ctx, 15 * u);
  ctx.fillStyle = MUTED;
  ly += 10 * u;
  for (const line of wrap(
    ctx,
    `${mapTexts.t.legendCount} · ${mapTexts.t[model.choropleth.method]} · ${model.choropleth.palette}`,
    lw - 2 * pad,
  )) {
    ly += 20 * u;
    ctx.fillText(line, lx + pad, ly);
  }
  if (map.hotspotStatuses.length > 0) {
    ly += 34 * u;
    font(ctx, 19 * u, 600);
    ctx.fillStyle = INK;
    ctx.fillText(mapTexts.t.hotspots, lx + pad, ly);
    ly += 12 * u;
    for (const status of map.hotspotStatuses) {
      ctx.strokeStyle = STATUS_COLORS[status as keyof typeof STATUS_COLORS];
      ctx.lineWidth = 4 * u;
      ctx.strokeRect(lx + pad + 2 * u, ly + 2 * u, 40 * u, 20 * u);
      font(ctx, 17 * u);
      ctx.fillStyle = INK;
      ctx.fillText(hotspotWord(status), lx + pad + 58 * u, ly + 18 * u);
      ly += 30 * u;
    }
    for (const category of map.hotspotCategories) {
      const icon = iconCanvas(category);
      if (icon) ctx.drawImage(icon, lx + pad + 8 * u, ly, 28 * u, 28 * u);
      font(ctx, 17 * u);
      ctx.fillStyle = INK;
      ctx.fillText(hotspotWord(category), lx + pad + 58 * u, ly + 20 * u);
      ly += 32 * u;
    }
  }
  return { canvas, map, title: heading, subtitle };
}

/** A problem's map icon (drawn in its neutral "identified" ring) as a small canvas, on `background` if given. */
export function iconCanvas(category: HotspotCategory, background?: string): HTMLCanvasElement | null {
  const image = drawHotspotIcon(category, 'identified');
  if (!image) return null;
  const icon = document.createElement('canvas');
  icon.width = image.width;
  icon.height = image.height;
  icon.getContext('2d')?.putImageData(image, 0, 0);
  if (!background) return icon;
  const out = document.createElement('canvas');
  out.width = image.width;
  out.height = image.height;
  const ctx = out.getContext('2d');
  if (!ctx) return icon;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(icon, 0, 0);
  return out;
}
