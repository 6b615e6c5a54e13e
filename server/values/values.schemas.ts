import { Type, type Static } from 'typebox';
import { DateParam, LevelParam, MonthParam } from '../http/params.schemas.ts';

export const ValuesQuery = Type.Object(
  {
    indicator: Type.String({ minLength: 1, maxLength: 64 }),
    level: LevelParam,
    from: MonthParam,
    to: MonthParam,
    at: Type.Optional(DateParam),
    format: Type.Optional(
      Type.Enum(['json', 'bin'], {
        description:
          'bin = the compact binary matrix (geo/values-codec.ts); also chosen by Accept: application/octet-stream',
      }),
    ),
    ids_version: Type.Optional(
      Type.String({
        maxLength: 64,
        description:
          'binary only: the idsVersion of the ids list the client holds; when current, the body omits the ids',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ValuesQueryString = Static<typeof ValuesQuery>;

export const ValuesResponse = Type.Object({
  indicator: Type.String(),
  level: LevelParam,
  at: Type.String(),
  demo: Type.Boolean(),
  periods: Type.Array(Type.String()),
  ids: Type.Array(Type.Integer()),
  values: Type.Array(Type.Array(Type.Union([Type.Number(), Type.Null()]))),
  reexpressed: Type.Array(Type.Array(Type.Integer(), { minItems: 2, maxItems: 2 }), {
    description: '[i, j] cells whose value was re-expressed from another boundary version (not observed)',
  }),
});
export type ValuesResponse = Static<typeof ValuesResponse>;

export const ValuesIdsQuery = Type.Object({ level: LevelParam, at: DateParam }, { additionalProperties: false });
