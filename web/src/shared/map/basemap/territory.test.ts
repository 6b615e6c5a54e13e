import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import {
  ARCHIPELAGOS,
  outsideTerritoryFilter,
  territoryAreas,
  territoryData,
  territoryLayer,
  territorySource,
  TERRITORY_MAXZOOM,
  TERRITORY_MINZOOM,
  TERRITORY_SOURCE,
} from './territory.ts';

describe('Viet Nam territory overlay', () => {
  it('names both archipelagos as Viet Nam’s, in Vietnamese (NFC) and English', () => {
    const names = territoryData().features.map((f) => [f.properties!.name_vi, f.properties!.name_en]);
    expect(names).toEqual([
      ['Quần đảo Hoàng Sa (Việt Nam)', 'Hoang Sa Archipelago (Viet Nam)'],
      ['Quần đảo Trường Sa (Việt Nam)', 'Truong Sa Archipelago (Viet Nam)'],
    ]);
    for (const [vi] of names) expect(vi).toBe((vi as string).normalize('NFC'));
  });

  it('puts each label inside its own area, and the areas over the islands (Phú Lâm, Ba Bình)', () => {
    const areas = territoryAreas();
    for (const [i, a] of ARCHIPELAGOS.entries()) {
      const poly = { type: 'Polygon' as const, coordinates: areas.coordinates[i]! };
      expect(booleanPointInPolygon(a.label, poly), a.id).toBe(true);
    }
    expect(booleanPointInPolygon([112.33, 16.83], { type: 'Polygon', coordinates: areas.coordinates[0]! })).toBe(true);
    expect(booleanPointInPolygon([114.35, 10.38], { type: 'Polygon', coordinates: areas.coordinates[1]! })).toBe(true);
    // Neither area reaches the mainland coast (Đà Nẵng 108.2, 16.05; Nha Trang 109.2, 12.25).
    for (const c of areas.coordinates) expect(Math.min(...c[0]!.map((p) => p[0]!))).toBeGreaterThan(110);
  });

  it('shows at national scale only, in the chosen language, with the given font', () => {
    const vi = territoryLayer({ lang: 'vi', font: 'Noto Sans SemiBold' });
    expect(vi).toMatchObject({
      type: 'symbol',
      source: TERRITORY_SOURCE,
      minzoom: TERRITORY_MINZOOM,
      maxzoom: TERRITORY_MAXZOOM,
    });
    expect(TERRITORY_MINZOOM).toBeLessThanOrEqual(4); // all of Viet Nam on a 1000 px screen is about z5
    expect((vi as { layout: Record<string, unknown> }).layout['text-field']).toEqual(['get', 'name_vi']);
    expect((vi as { layout: Record<string, unknown> }).layout['text-font']).toEqual(['Noto Sans SemiBold']);
    const en = territoryLayer({ lang: 'en', font: 'Noto Sans SemiBold' });
    expect((en as { layout: Record<string, unknown> }).layout['text-field']).toEqual(['get', 'name_en']);
    expect(territorySource()).toMatchObject({ type: 'geojson', data: { type: 'FeatureCollection' } });
    expect(JSON.stringify([vi, territorySource(), outsideTerritoryFilter()])).not.toMatch(/https?:/);
  });
});
