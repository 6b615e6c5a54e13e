import { describe, expect, it } from 'vitest';
import { chooseUnitsSource, TILE_THRESHOLD } from './unitsSource.ts';

describe('units source', () => {
  it('uses GeoJSON for small levels and vector tiles with promoteId for large ones', () => {
    expect(chooseUnitsSource('group', '2017-12-31', 183, 'http://127.0.0.1:3000')).toEqual({ type: 'geojson' });
    const big = chooseUnitsSource('ward', '2025-07-01', TILE_THRESHOLD + 1, 'http://127.0.0.1:3000');
    expect(big).toEqual({
      type: 'vector',
      tiles: ['http://127.0.0.1:3000/tiles/ward/{z}/{x}/{y}.mvt?at=2025-07-01'],
      promoteId: 'id',
      minzoom: 6,
      maxzoom: 14,
      sourceLayer: 'ward',
    });
    // The threshold can be lowered (browser tests draw the 14 wards from tiles with ?tiles=1).
    expect(chooseUnitsSource('ward', '2017-12-31', 14, 'http://x', 0).type).toBe('vector');
  });
});
