import { describe, expect, it } from 'vitest';
import { fitCamera, metresPerPixel, SELECT_MAX_ZOOM, selectFit } from './camera.ts';

/** The camera MapLibre's fitBounds gives with selectFit's padding: the unit fitted in the box left inside it. */
function fitted(bounds: [number, number, number, number], width: number, height: number) {
  const fit = selectFit(width, height);
  const inner = { w: width - fit.padding.left - fit.padding.right, h: height - fit.padding.top - fit.padding.bottom };
  return { inner, camera: fitCamera(bounds, inner.w, inner.h, 0, fit.maxZoom) };
}

describe('selectFit', () => {
  // Phường Vân Giang (Ninh Bình), about 1.15 km wide: a small ward in the middle of the city.
  const ward: [number, number, number, number] = [105.969, 20.248, 105.98, 20.256];
  const wardWidthM = 0.011 * 111_320 * Math.cos((20.252 * Math.PI) / 180);

  it('leaves the ward at most half of a tablet map each way, with its neighbours around it', () => {
    const [w, h] = [690, 660];
    const { camera } = fitted(ward, w, h);
    expect(wardWidthM / metresPerPixel(camera)).toBeLessThanOrEqual(w / 2 + 1);
    // The old fit (48 px padding, up to zoom 15) filled the map with the ward.
    expect(camera.zoom).toBeLessThan(fitCamera(ward, w, h, 48, 15).zoom - 0.5);
  });

  it('halves each side of a phone map (wide and short while the sheet is open)', () => {
    const fit = selectFit(390, 300);
    expect(fit.padding).toEqual({ top: 75, bottom: 75, left: 98, right: 98 });
  });

  it('never zooms past SELECT_MAX_ZOOM, however small the unit', () => {
    const tiny: [number, number, number, number] = [105.97, 20.25, 105.9705, 20.2503];
    expect(fitted(tiny, 1920, 1000).camera.zoom).toBe(SELECT_MAX_ZOOM);
  });
});
