import { Type, type Static } from 'typebox';
import { MAP_LEVELS } from '../../geo/levels.ts';
import { Id, Int, IntOrNull, MAX_ID, Num } from '../http/numbers.ts';

const Period = Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(ytd|r12))?|-Q[1-4])?$',
  description: 'month 2017-03, quarter 2017-Q1, year 2017, year to date 2017-03-ytd or rolling 12 months 2017-03-r12',
});

/**
 * The map's state as the map page keeps it (web/src/shared/map/mapState.ts `MapState`): known keys only,
 * each checked for shape and size so a saved view cannot carry anything else. Only `indicator` and
 * `period` are required; the map fills the rest with its defaults (`parseMapState`).
 */
function viewState(numbers: 'request' | 'response') {
  const request = numbers === 'request';
  // Requests take numbers through the checked helpers; answers are plain numbers for the serializer.
  const int = (minimum: number, maximum: number) => (request ? Int({ minimum, maximum }) : Type.Integer());
  const intOrNull = (minimum: number, maximum: number) =>
    request ? IntOrNull({ minimum, maximum }) : Type.Union([Type.Integer(), Type.Null()]);
  const num = (minimum: number, maximum: number) => (request ? Num({ minimum, maximum }) : Type.Number());
  return Type.Object(
    {
      indicator: Type.String({ pattern: '^[a-z0-9_]{1,64}$' }),
      period: Period,
      level: Type.Optional(Type.Enum([...MAP_LEVELS])),
      from: Type.Optional(Type.Union([Period, Type.Null()], { description: 'first period of a change map' })),
      change: Type.Optional(
        Type.Union([Type.Enum(['yoy', 'yoy_pct']), Type.Null()], {
          description: 'change against the same period last year (absolute, or in %)',
        }),
      ),
      scale: Type.Optional(Type.Enum(['all', 'period'])),
      method: Type.Optional(Type.Enum(['jenks', 'quantile', 'equal', 'manual'])),
      classes: Type.Optional(int(3, 9)),
      palette: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Za-z]{2,16}$' }), Type.Null()])),
      breaks: Type.Optional(Type.String({ maxLength: 200 })),
      measure: Type.Optional(Type.Enum(['value', 'per1000', 'count'])),
      selected: Type.Optional(intOrNull(1, MAX_ID)),
      view: Type.Optional(
        Type.Union([
          Type.Object(
            {
              lng: num(-180, 180),
              lat: num(-90, 90),
              zoom: num(0, 24),
            },
            { additionalProperties: false },
          ),
          Type.Null(),
        ]),
      ),
    },
    { additionalProperties: false },
  );
}
export const ViewState = viewState('response');
export const ViewStateInput = viewState('request');
export type ViewState = Static<typeof ViewState>;

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Note = Type.String({ maxLength: 2000 });

export const SavedView = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  note: Type.String(),
  state: ViewState,
  position: Type.Integer(),
  ownerId: Type.Union([Type.Integer(), Type.Null()]),
  ownerName: Type.String(),
  /** Whether the caller owns it (and so may rename, reorder and delete it). */
  mine: Type.Boolean(),
  /** Wards its creator's scope covered when saved; empty = the whole area (seen by city-wide users only). */
  scopeUnitIds: Type.Array(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type SavedView = Static<typeof SavedView>;

export const ViewsResponse = Type.Object({ views: Type.Array(SavedView) });
export type ViewsResponse = Static<typeof ViewsResponse>;

export const CreateViewBody = Type.Object(
  { title: Title, note: Type.Optional(Note), state: ViewStateInput },
  { additionalProperties: false },
);
export type CreateViewBody = Static<typeof CreateViewBody>;

export const UpdateViewBody = Type.Object(
  { title: Type.Optional(Title), note: Type.Optional(Note), state: Type.Optional(ViewStateInput) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateViewBody = Static<typeof UpdateViewBody>;

export const ReorderViewsBody = Type.Object(
  { ids: Type.Array(Id(), { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
export type ReorderViewsBody = Static<typeof ReorderViewsBody>;
