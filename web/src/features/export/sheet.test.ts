import { describe, expect, it } from 'vitest';
import {
  fitCamera,
  fromMercator,
  metresPerPixel,
  tileCenter,
  toMercator,
  viewCamera,
} from '../../shared/map/camera.ts';
import { fileName, PAPER_SIZES, scaleBar } from './sheet.ts';

describe('paper sizes', () => {
  it('are landscape A4/A3 at their pixel size: A3 at 300 dpi is 4961×3508', () => {
    const px = Object.fromEntries(PAPER_SIZES.map((s) => [s.key, [s.width, s.height, s.pixelRatio]]));
    expect(px).toEqual({
      'a4-150': [1754, 1240, 150 / 96],
      'a4-300': [3508, 2480, 300 / 96],
      'a3-150': [2480, 1754, 150 / 96],
      'a3-300': [4961, 3508, 300 / 96],
    });
  });
});

describe('scaleBar', () => {
  it('takes the longest 1, 2 or 5 × 10ⁿ that fits', () => {
    expect(scaleBar(2400)).toEqual({ metres: 2000, label: '2 km' });
    expect(scaleBar(999)).toEqual({ metres: 500, label: '500 m' });
    expect(scaleBar(100)).toEqual({ metres: 100, label: '100 m' });
    expect(scaleBar(7300)).toEqual({ metres: 5000, label: '5 km' });
  });
});

describe('fileName', () => {
  it('keeps letters without diacritics', () => {
    expect(fileName('Phường Bích Đào — tháng 12/2017', 'pdf')).toBe('phuong-bich-dao-thang-12-2017.pdf');
    expect(fileName('…', 'png')).toBe('ban-do.png');
  });
});

describe('cameras', () => {
  const city: [number, number, number, number] = [105.93, 20.21, 106.02, 20.29];

  it('round-trips Web Mercator', () => {
    const [lng, lat] = fromMercator(toMercator([105.975, 20.25]).x, toMercator([105.975, 20.25]).y);
    expect(lng).toBeCloseTo(105.975, 9);
    expect(lat).toBeCloseTo(20.25, 9);
  });

  it('fits bounds: the tighter side touches the padding', () => {
    const cam = fitCamera(city, 1000, 600, 20);
    const world = 512 * 2 ** cam.zoom;
    const a = toMercator([city[0], city[3]]);
    const b = toMercator([city[2], city[1]]);
    const w = (b.x - a.x) * world;
    const h = (b.y - a.y) * world;
    expect(Math.max(w / 960, h / 560)).toBeCloseTo(1, 6);
    expect(cam.center[0]).toBeCloseTo(105.975, 6);
  });

  it('puts each tile where it sits in the full view', () => {
    const cam = fitCamera(city, 1500, 1000, 0);
    const full = { width: 1500, height: 1000 };
    // The tile at the centre is the centre; a tile shifted by its width is shifted by that many pixels.
    const centre = tileCenter(cam, full, 500, 250, 500, 500);
    expect(centre[0]).toBeCloseTo(cam.center[0], 9);
    expect(centre[1]).toBeCloseTo(cam.center[1], 9);
    const right = toMercator(tileCenter(cam, full, 1000, 250, 500, 500));
    const middle = toMercator(cam.center);
    expect((right.x - middle.x) * 512 * 2 ** cam.zoom).toBeCloseTo(500, 6);
    expect(right.y).toBeCloseTo(middle.y, 12);
  });

  it('scales a saved view to a larger sheet, and measures metres per pixel', () => {
    const view = { lng: 105.97, lat: 20.25, zoom: 12 };
    const cam = viewCamera({ state: { view } as never, bounds: city }, 1920, 1440, 0);
    expect(cam).toEqual({ center: [105.97, 20.25], zoom: 13 });
    // At zoom 12, latitude 20.25°: 40,075 km · cos φ / (512 · 4096).
    expect(metresPerPixel({ center: [0, 20.25], zoom: 12 })).toBeCloseTo(17.928, 3);
  });
});
