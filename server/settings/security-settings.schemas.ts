import { Type, type Static } from 'typebox';
import { Int } from '../http/numbers.ts';

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
