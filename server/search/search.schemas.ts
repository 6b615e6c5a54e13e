import { Type, type Static } from 'typebox';
import { MAP_LEVELS } from '../../geo/levels.ts';
import { Int } from '../http/numbers.ts';
import { DateParam } from '../http/params.schemas.ts';

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'with or without diacritics' }),
    at: Type.Optional(DateParam),
    limit: Int({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);

export const SearchResult = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  display_name: Type.String({ description: 'told apart from same-named units (geo/unit-names.ts)' }),
  short_name: Type.String(),
  kind: Type.String(),
  level: Type.Enum([...MAP_LEVELS]),
  parent_name: Type.Union([Type.String(), Type.Null()]),
  valid_from: Type.String(),
  valid_to: Type.Union([Type.String(), Type.Null()]),
});
export type SearchResult = Static<typeof SearchResult>;

export const SearchResponse = Type.Object({ at: Type.String(), results: Type.Array(SearchResult) });
