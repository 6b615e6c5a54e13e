import { Type } from 'typebox';
import { badRequest } from '../errors.ts';
import { Int } from '../http/numbers.ts';
import { DateParam } from '../http/params.schemas.ts';
import { MAX_TILE_ZOOM, TILE_LAYERS } from './mvt.ts';

/** `/tiles/{layer}/{z}/{x}/{y}.mvt`: x and y are checked against z by `checkTileInRange`. */
export const TileParams = Type.Object({
  layer: Type.Enum([...TILE_LAYERS], {
    description: 'ward = phường/xã, group = tổ dân phố/thôn, hotspot = tổ phức tạp',
  }),
  z: Int({ minimum: 0, maximum: MAX_TILE_ZOOM }),
  x: Int({ minimum: 0, maximum: 2 ** MAX_TILE_ZOOM - 1 }),
  y: Int({ minimum: 0, maximum: 2 ** MAX_TILE_ZOOM - 1 }),
});

export const TileQuery = Type.Object({ at: Type.Optional(DateParam) }, { additionalProperties: false });

/** A tile column and row exist at zoom z only below 2^z (the schema bounds are those of the deepest zoom). */
export function checkTileInRange(z: number, x: number, y: number): void {
  const limit = 2 ** z;
  for (const [field, value] of [
    ['x', x],
    ['y', y],
  ] as const) {
    if (value >= limit) {
      throw badRequest(
        'params.out_of_range',
        `Tham số không hợp lệ / invalid tile ${field === 'x' ? 'column' : 'row'} "${field}": ${value} ≥ 2^${z}`,
        { field, params: { in: 'params', minimum: 0, maximum: limit - 1 } },
      );
    }
  }
}
