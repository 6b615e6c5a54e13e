import { Type, type Static } from 'typebox';
import { IntOrNull, MAX_ID } from '../http/numbers.ts';
import { DateParam, LevelParam } from '../http/params.schemas.ts';

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
  display_name: Type.String({
    description: 'the name told apart from same-named units: with its ward, and its former ward after a merger',
  }),
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

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Count = IntOrNull({ minimum: 0, maximum: MAX_ID });

/** `PATCH /api/units/:id`: a unit's names and counts (never geometry or validity). */
export const UnitPatchBody = Type.Object(
  {
    name: Type.Optional(Name),
    short_name: Type.Optional(Name),
    households: Type.Optional(Count),
    population: Type.Optional(Count),
  },
  { additionalProperties: false },
);
export type UnitPatchBody = Static<typeof UnitPatchBody>;

/** A unit as the edit answers it (and records it in the audit log, before and after). */
export const EditableUnit = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  short_name: Type.String(),
  kind: Type.String(),
  households: Type.Union([Type.Integer(), Type.Null()]),
  population: Type.Union([Type.Integer(), Type.Null()]),
  valid_from: Type.String(),
  valid_to: Type.Union([Type.String(), Type.Null()]),
});
export type EditableUnit = Static<typeof EditableUnit>;
