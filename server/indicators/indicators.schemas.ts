import { Type, type Static } from 'typebox';

export const Indicator = Type.Object({
  key: Type.String(),
  name_vi: Type.String(),
  name_en: Type.String(),
  unit_vi: Type.String(),
  unit_en: Type.String(),
  kind: Type.Enum(['count', 'ratio', 'percent', 'boolean', 'category']),
  time_rule: Type.Enum(['sum', 'last']),
  spatial_rule: Type.Enum(['sum', 'ratio']),
  polarity: Type.Enum(['higher_better', 'higher_worse', 'neutral']),
  levels: Type.Array(Type.Enum(['group', 'ward', 'city'])),
  entry_level: Type.Enum(['group', 'ward']),
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
