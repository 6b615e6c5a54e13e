import { Type, type Static } from 'typebox';
import { INDICATOR_KINDS, LEVELS, POLARITIES, SPATIAL_RULES, TIME_RULES } from '../../geo/catalogue.ts';
import { MAP_LEVELS } from '../../geo/levels.ts';

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
  source: Type.String(),
  numerator_key: Type.Union([Type.String(), Type.Null()]),
  denominator_key: Type.Union([Type.String(), Type.Null()]),
  /** Ratios are sent as fractions; multiply by this (100) to display them as a percentage. */
  scale: Type.Union([Type.Number(), Type.Null()]),
  /** First and last month with any observation ('YYYY-MM'); for ratios, those of the numerator. */
  first_period: Type.Union([Type.String(), Type.Null()]),
  last_period: Type.Union([Type.String(), Type.Null()]),
});
export type Indicator = Static<typeof Indicator>;

export const IndicatorsResponse = Type.Object({ demo: Type.Boolean(), indicators: Type.Array(Indicator) });
export type IndicatorsResponse = Static<typeof IndicatorsResponse>;
