import { Type, type Static } from 'typebox';
import { Int } from '../http/numbers.ts';

/** `/api/settings/security`: what an administrator sets for everyone's security. */
export const SecuritySettings = Type.Object(
  {
    token_max_days: Int({
      minimum: 1,
      maximum: 3650,
      description: 'longest lifetime of a personal API token, in days (default 90); no token is made without one',
    }),
  },
  { additionalProperties: false },
);
export type SecuritySettings = Static<typeof SecuritySettings>;

/** The same, as answered (response schemas keep plain integers). */
export const SecuritySettingsResponse = Type.Object({ token_max_days: Type.Integer() });

/** `/api/settings/export`: printed on every export — the security classification line and the data credits. */
export const ExportSettings = Type.Object(
  {
    classification: Type.String({ maxLength: 100, description: 'e.g. "MẬT"; empty = none' }),
    source: Type.String({ maxLength: 300 }),
    attribution: Type.String({ maxLength: 300 }),
  },
  { additionalProperties: false },
);
export type ExportSettings = Static<typeof ExportSettings>;

/** `/api/settings/place`: the area's name, over the one read from the data (empty = from the data). */
export const PlaceSettings = Type.Object(
  {
    name_vi: Type.String({
      maxLength: 150,
      description: 'e.g. "Thành phố Ninh Bình"; empty = the top unit of the data',
    }),
    name_en: Type.String({ maxLength: 150, description: 'e.g. "Ninh Binh city"; empty = from the Vietnamese name' }),
  },
  { additionalProperties: false },
);
export type PlaceSettings = Static<typeof PlaceSettings>;
