/**
 * Hotspot icons drawn in the browser (no sprite URL): one image per category × status — a round
 * badge in the status colour with a white pictogram of the category — added with `map.addImage`.
 * Pictograms: drugs = a capsule, gambling = a die, urban order = a traffic cone, sanitation = a drop.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  HOTSPOT_CATEGORIES,
  HOTSPOT_STATUSES,
  type HotspotCategory,
  type HotspotStatus,
} from '../../../../geo/units.ts';
import { STATUS_COLORS } from './style.ts';

export { HOTSPOT_CATEGORIES, HOTSPOT_STATUSES, type HotspotCategory, type HotspotStatus };

const SIZE = 48;

export const iconName = (category: string, status: string) => `hotspot-${category}-${status}`;

function drawPictogram(ctx: CanvasRenderingContext2D, category: HotspotCategory): void {
  const c = SIZE / 2;
  ctx.fillStyle = '#fff';
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 3;
  ctx.beginPath();
  switch (category) {
    case 'drugs':
      ctx.save();
      ctx.translate(c, c);
      ctx.rotate(-Math.PI / 4);
      ctx.roundRect(-13, -6, 26, 12, 6);
      ctx.fill();
      ctx.restore();
      break;
    case 'gambling':
      ctx.roundRect(c - 11, c - 11, 22, 22, 4);
      ctx.fill();
      ctx.fillStyle = '#222';
      for (const [x, y] of [
        [-5, -5],
        [5, 5],
        [0, 0],
        [5, -5],
        [-5, 5],
      ] as const) {
        ctx.beginPath();
        ctx.arc(c + x, c + y, 2, 0, Math.PI * 2);
        ctx.fill();
      }
      break;
    case 'urban_order':
      ctx.moveTo(c, c - 13);
      ctx.lineTo(c + 11, c + 10);
      ctx.lineTo(c - 11, c + 10);
      ctx.closePath();
      ctx.fill();
      break;
    case 'sanitation':
      ctx.moveTo(c, c - 13);
      ctx.bezierCurveTo(c + 4, c - 5, c + 10, c, c + 10, c + 4);
      ctx.arc(c, c + 4, 10, 0, Math.PI);
      ctx.bezierCurveTo(c - 10, c, c - 4, c - 5, c, c - 13);
      ctx.fill();
      break;
  }
}

/** Draws one badge; null where there is no 2D canvas (tests in Node). */
export function drawHotspotIcon(category: HotspotCategory, status: HotspotStatus): ImageData | null {
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.beginPath();
  ctx.arc(SIZE / 2, SIZE / 2, SIZE / 2 - 2, 0, Math.PI * 2);
  ctx.fillStyle = STATUS_COLORS[status];
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#fff';
  ctx.stroke();
  drawPictogram(ctx, category);
  return ctx.getImageData(0, 0, SIZE, SIZE);
}

/** An icon's category and status, from its image name (the map's `icon` property). */
export function iconParts(name: string): { category: HotspotCategory; status: HotspotStatus } | null {
  const match = /^hotspot-(.+)-([a-z]+)$/.exec(name);
  const category = match?.[1] as HotspotCategory | undefined;
  const status = match?.[2] as HotspotStatus | undefined;
  return category && status && HOTSPOT_CATEGORIES.includes(category) && HOTSPOT_STATUSES.includes(status)
    ? { category, status }
    : null;
}

const iconUrls = new Map<string, string | undefined>();

/** The badge as an image URL, for a legend in the page (the same drawing as on the map); drawn once. */
export function hotspotIconUrl(category: HotspotCategory, status: HotspotStatus): string | undefined {
  const name = iconName(category, status);
  if (iconUrls.has(name)) return iconUrls.get(name);
  const image = drawHotspotIcon(category, status);
  let url: string | undefined;
  if (image) {
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    url = canvas.toDataURL('image/png');
  }
  iconUrls.set(name, url);
  return url;
}

export function addHotspotIcons(map: MapLibreMap): void {
  for (const category of HOTSPOT_CATEGORIES) {
    for (const status of HOTSPOT_STATUSES) {
      const name = iconName(category, status);
      if (map.hasImage(name)) continue;
      const image = drawHotspotIcon(category, status);
      if (image) map.addImage(name, image, { pixelRatio: 2 });
    }
  }
}
