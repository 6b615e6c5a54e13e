import { Type, type Static } from 'typebox';
import { DateParam } from '../http/params.schemas.ts';

export const PlaceQuery = Type.Object({ at: Type.Optional(DateParam) }, { additionalProperties: false });
export type PlaceQuery = Static<typeof PlaceQuery>;

export const Place = Type.Object({
  at: Type.String({ description: 'the day the place is read on (YYYY-MM-DD)' }),
  name_vi: Type.Union([Type.String(), Type.Null()], {
    description: 'e.g. "Thành phố Ninh Bình"; null: no name in the data or the settings',
  }),
  name_en: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.Literal('setting'), Type.Literal('data'), Type.Null()], {
    description: 'where the name comes from: an administrator’s setting, or the top unit of the data',
  }),
  unit: Type.Union([
    Type.Object({ code: Type.String(), name: Type.String(), short_name: Type.String(), kind: Type.String() }),
    Type.Null(),
  ]),
  bbox: Type.Union([Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), Type.Null()], {
    description: '[west, south, east, north] of the wards on that day in your scope (EPSG:4326); null: none',
  }),
  wards: Type.Integer({ description: 'wards (phường, xã…) on that day in your scope' }),
});
export type Place = Static<typeof Place>;
