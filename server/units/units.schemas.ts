import { Type, type Static } from 'typebox';
import { DateParam, LevelParam } from '../http/params.ts';

export const UnitsQuery = Type.Object(
  {
    level: LevelParam,
    at: Type.Optional(DateParam),
    geometry: Type.Optional(
      Type.Boolean({
        description:
          'false: properties and `bbox` [west, south, east, north] only, `geometry` null (a map drawn from vector tiles)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type UnitsQuery = Static<typeof UnitsQuery>;

export const UnitProperties = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  short_name: Type.String(),
  kind: Type.String(),
  parent_code: Type.Union([Type.String(), Type.Null()]),
  valid_from: Type.String(),
  valid_to: Type.Union([Type.String(), Type.Null()]),
  households: Type.Union([Type.Integer(), Type.Null()]),
});
export type UnitProperties = Static<typeof UnitProperties>;

/** Documented shape of GET /api/units (sent pre-serialised: geometry is GeoJSON text from PostGIS). */
export const UnitsResponse = Type.Object({
  type: Type.Literal('FeatureCollection'),
  demo: Type.Boolean(),
  at: Type.String(),
  level: Type.String(),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.Integer(),
      properties: UnitProperties,
      geometry: Type.Union([
        Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Unknown()) }),
        Type.Null(),
      ]),
      bbox: Type.Optional(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })),
    }),
  ),
});
