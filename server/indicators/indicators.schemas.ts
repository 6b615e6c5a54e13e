import { Type, type Static } from 'typebox';

export const Indicator = Type.Object({
  key: Type.String(),
  name_vi: Type.String(),
  name_en: Type.String(),
  unit_vi: Type.String(),
  unit_en: Type.String(),
  kind: Type.String(),
  time_rule: Type.Enum(['sum', 'last']),
  spatial_rule: Type.Enum(['sum', 'ratio']),
  polarity: Type.Enum(['higher_better', 'higher_worse', 'neutral']),
  levels: Type.Array(Type.String()),
  entry_level: Type.String(),
  theme: Type.String(),
  description_vi: Type.String(),
  source: Type.String(),
  numerator_key: Type.Union([Type.String(), Type.Null()]),
  denominator_key: Type.Union([Type.String(), Type.Null()]),
  scale: Type.Union([Type.Number(), Type.Null()]),
});
export type Indicator = Static<typeof Indicator>;

export const IndicatorsResponse = Type.Object({ demo: Type.Boolean(), indicators: Type.Array(Indicator) });
export type IndicatorsResponse = Static<typeof IndicatorsResponse>;
