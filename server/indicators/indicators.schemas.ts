import { Type, type Static } from 'typebox';
import {
  INDICATOR_KEY_PATTERN,
  INDICATOR_KINDS,
  LEVELS,
  POLARITIES,
  SPATIAL_RULES,
  THEMES,
  TIME_RULES,
} from '../../geo/catalogue.ts';
import { MAP_LEVELS } from '../../geo/levels.ts';
import { NumOrNull } from '../http/numbers.ts';

export const Indicator = Type.Object({
  key: Type.String(),
  name_vi: Type.String(),
  name_en: Type.String(),
  unit_vi: Type.String(),
  unit_en: Type.String(),
  kind: Type.Enum([...INDICATOR_KINDS]),
  time_rule: Type.Enum([...TIME_RULES]),
  spatial_rule: Type.Enum([...SPATIAL_RULES]),
  polarity: Type.Enum([...POLARITIES]),
  levels: Type.Array(Type.Enum([...LEVELS])),
  entry_level: Type.Enum([...MAP_LEVELS]),
  theme: Type.String(),
  description_vi: Type.String(),
  description_en: Type.String(),
  source: Type.String(),
  numerator_key: Type.Union([Type.String(), Type.Null()]),
  denominator_key: Type.Union([Type.String(), Type.Null()]),
  /** Ratios are sent as fractions; multiply by this (100) to display them as a percentage. */
  scale: Type.Union([Type.Number(), Type.Null()]),
  /** First and last month with any observation ('YYYY-MM'); for ratios, those of the numerator. */
  first_period: Type.Union([Type.String(), Type.Null()]),
  last_period: Type.Union([Type.String(), Type.Null()]),
  /** Whether values are stored under this key (a rate stores none: it is computed from its parts). */
  has_data: Type.Boolean(),
  /**
   * When an administrator retired it (ISO time), or null. A retired indicator is left out of pickers
   * and takes no new values; its history stays readable (old views, reports, the values API).
   */
  retired_at: Type.Union([Type.String(), Type.Null()]),
});
export type Indicator = Static<typeof Indicator>;

export const IndicatorsResponse = Type.Object({ demo: Type.Boolean(), indicators: Type.Array(Indicator) });
export type IndicatorsResponse = Static<typeof IndicatorsResponse>;

export const IndicatorKey = Type.String({
  pattern: INDICATOR_KEY_PATTERN,
  maxLength: 63,
  description: 'lower-case letters without diacritics, digits and _, starting with a letter (e.g. traffic_accidents)',
});
export const IndicatorKeyParams = Type.Object({ key: IndicatorKey }, { additionalProperties: false });

const Name = Type.String({ maxLength: 200 });
const Unit = Type.String({ maxLength: 60 });
const Long = Type.String({ maxLength: 2000 });
const KeyOrNull = Type.Union([IndicatorKey, Type.Null()]);

/** What an administrator writes: the definition (the service checks the rules of geo/catalogue-rules.ts). */
const fields = {
  name_vi: Name,
  name_en: Name,
  unit_vi: Unit,
  unit_en: Unit,
  kind: Type.Enum([...INDICATOR_KINDS]),
  time_rule: Type.Enum([...TIME_RULES]),
  spatial_rule: Type.Enum([...SPATIAL_RULES]),
  polarity: Type.Enum([...POLARITIES]),
  levels: Type.Array(Type.Enum([...LEVELS]), { minItems: 1, maxItems: 3, uniqueItems: true }),
  entry_level: Type.Enum([...MAP_LEVELS]),
  theme: Type.Enum([...THEMES]),
  description_vi: Long,
  description_en: Long,
  source: Type.String({ maxLength: 300 }),
  numerator_key: KeyOrNull,
  denominator_key: KeyOrNull,
  scale: NumOrNull({ minimum: 1, maximum: 1_000_000, description: 'rates only: 100 shows the rate as a percentage' }),
};

export const CreateIndicatorBody = Type.Object(
  {
    key: IndicatorKey,
    ...fields,
    description_vi: Type.Optional(Long),
    description_en: Type.Optional(Long),
    numerator_key: Type.Optional(KeyOrNull),
    denominator_key: Type.Optional(KeyOrNull),
    scale: Type.Optional(fields.scale),
  },
  { additionalProperties: false },
);
export type CreateIndicatorBody = Static<typeof CreateIndicatorBody>;

/** Any of the fields but the key (other data, saved views and plans refer to it). */
export const UpdateIndicatorBody = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
export type UpdateIndicatorBody = Static<typeof UpdateIndicatorBody>;
