/**
 * What makes an indicator definition sound, whoever writes it (the admin API, the web form before
 * it sends): pure, given the definition and the rest of the catalogue. Each problem names the field
 * it is about and a stable code (server/http/errors.schemas.ts), so the server refuses with a 4xx
 * naming the field and the web words it in the chosen language.
 *
 * Why these rules: values aggregate by summing (groups into wards, wards into the city, months into
 * quarters for flows), and rates are the ratio of summed parts — never an average of rates. So:
 * - a rate (`ratio`) has a numerator and a denominator, both existing, in-use counts, and is shown
 *   only at levels both parts reach;
 * - what cannot be summed (`percent`, `category`) is shown only at the level it is entered, and
 *   takes the last month of a quarter or year (`time_rule: last`);
 * - values exist at the entry level and above, never below it.
 */
import {
  INDICATOR_KEY_PATTERN,
  LEVELS,
  type IndicatorDef,
  type IndicatorKind,
  type Level,
  type Polarity,
  type SpatialRule,
  type TimeRule,
} from './catalogue.ts';

/** A definition as the API carries it (snake_case, as stored). */
export interface IndicatorInput {
  key: string;
  name_vi: string;
  name_en: string;
  unit_vi: string;
  unit_en: string;
  kind: IndicatorKind;
  time_rule: TimeRule;
  spatial_rule: SpatialRule;
  polarity: Polarity;
  levels: Level[];
  entry_level: 'group' | 'ward';
  theme: string;
  description_vi: string;
  description_en: string;
  source: string;
  numerator_key: string | null;
  denominator_key: string | null;
  scale: number | null;
}

/** A seed definition (geo/catalogue.ts) as its row is stored. */
export function catalogueRow(d: IndicatorDef): IndicatorInput {
  return {
    key: d.key,
    name_vi: d.nameVi,
    name_en: d.nameEn,
    unit_vi: d.unitVi,
    unit_en: d.unitEn,
    kind: d.kind,
    time_rule: d.timeRule,
    spatial_rule: d.spatialRule,
    polarity: d.polarity,
    levels: d.levels,
    entry_level: d.entryLevel,
    theme: d.theme,
    description_vi: d.descriptionVi,
    description_en: d.descriptionEn ?? d.nameEn,
    source: d.source,
    numerator_key: d.numerator ?? null,
    denominator_key: d.denominator ?? null,
    scale: d.scale ?? null,
  };
}

/** What the rules need to know of the other indicators. */
export interface CatalogueEntry {
  key: string;
  kind: string;
  levels: readonly string[];
  retired_at: string | null;
}

export type CatalogueProblemCode =
  | 'indicator.invalid_key'
  | 'params.blank'
  | 'indicator.entry_not_in_levels'
  | 'indicator.level_below_entry'
  | 'indicator.rule_for_kind'
  | 'indicator.ratio_parts_required'
  | 'indicator.ratio_part_unknown'
  | 'indicator.ratio_part_not_count'
  | 'indicator.ratio_part_retired'
  | 'indicator.ratio_parts_same'
  | 'indicator.ratio_level_not_in_part'
  | 'indicator.parts_only_for_ratio'
  | 'indicator.scale_only_for_ratio'
  | 'indicator.not_summable';

export interface CatalogueProblem {
  field: keyof IndicatorInput;
  code: CatalogueProblemCode;
  params: Record<string, unknown>;
  /** Vietnamese / English, for API clients and logs. */
  message: string;
}

const KEY = new RegExp(INDICATOR_KEY_PATTERN);
const rank = (l: string) => LEVELS.indexOf(l as Level);

/** Every problem of `d` against the other indicators (`others` may include `d`'s own old row). */
export function catalogueProblems(d: IndicatorInput, others: readonly CatalogueEntry[]): CatalogueProblem[] {
  const out: CatalogueProblem[] = [];
  const add = (field: keyof IndicatorInput, code: CatalogueProblemCode, message: string, params = {}) =>
    out.push({ field, code, message, params: { field, ...params } });

  if (!KEY.test(d.key)) {
    add(
      'key',
      'indicator.invalid_key',
      `Mã chỉ tiêu gồm 2–63 ký tự: chữ thường không dấu, số, gạch dưới, bắt đầu bằng chữ / key must match ${INDICATOR_KEY_PATTERN}`,
      { pattern: INDICATOR_KEY_PATTERN },
    );
  }
  for (const f of ['name_vi', 'name_en', 'unit_vi', 'unit_en', 'source'] as const) {
    if (!d[f].trim()) add(f, 'params.blank', `Trường "${f}" không được để trống / "${f}" must not be blank`);
  }

  if (!d.levels.includes(d.entry_level)) {
    add(
      'entry_level',
      'indicator.entry_not_in_levels',
      `Cấp nhập số liệu "${d.entry_level}" phải nằm trong các cấp hiển thị / the entry level must be one of the levels (${d.levels.join(', ')})`,
      { entry_level: d.entry_level, levels: d.levels },
    );
  }
  const below = d.levels.filter((l) => rank(l) < rank(d.entry_level));
  if (below.length) {
    add(
      'levels',
      'indicator.level_below_entry',
      `Không hiển thị được ở cấp thấp hơn cấp nhập / no values exist below the entry level "${d.entry_level}": ${below.join(', ')}`,
      { entry_level: d.entry_level, levels: below },
    );
  }

  if (d.kind === 'ratio') {
    if (d.spatial_rule !== 'ratio') {
      add(
        'spatial_rule',
        'indicator.rule_for_kind',
        'Tỷ lệ phải cộng theo tử số và mẫu số / a rate aggregates as "ratio"',
        {
          kind: d.kind,
          expected: 'ratio',
        },
      );
    }
    if (!d.numerator_key || !d.denominator_key) {
      add(
        d.numerator_key ? 'denominator_key' : 'numerator_key',
        'indicator.ratio_parts_required',
        'Tỷ lệ cần tử số và mẫu số / a rate needs a numerator and a denominator',
      );
    } else if (d.numerator_key === d.denominator_key) {
      add(
        'denominator_key',
        'indicator.ratio_parts_same',
        'Tử số và mẫu số phải khác nhau / numerator and denominator must differ',
        {
          indicator: d.denominator_key,
        },
      );
    } else {
      for (const field of ['numerator_key', 'denominator_key'] as const) {
        const key = d[field]!;
        const part = others.find((o) => o.key === key);
        if (!part || key === d.key) {
          add(field, 'indicator.ratio_part_unknown', `Chỉ tiêu "${key}" không tồn tại / unknown indicator "${key}"`, {
            indicator: key,
          });
        } else if (part.kind !== 'count') {
          add(
            field,
            'indicator.ratio_part_not_count',
            `"${key}" không phải chỉ tiêu đếm / "${key}" is a ${part.kind}, a rate's parts must be counts`,
            { indicator: key, kind: part.kind },
          );
        } else if (part.retired_at) {
          add(field, 'indicator.ratio_part_retired', `"${key}" đã ngừng sử dụng / "${key}" is retired`, {
            indicator: key,
          });
        } else {
          const missing = d.levels.filter((l) => !part.levels.includes(l));
          if (missing.length) {
            add(
              'levels',
              'indicator.ratio_level_not_in_part',
              `"${key}" không có ở cấp ${missing.join(', ')} / "${key}" has no values at ${missing.join(', ')}`,
              { indicator: key, levels: missing },
            );
          }
        }
      }
    }
  } else {
    if (d.spatial_rule !== 'sum') {
      add(
        'spatial_rule',
        'indicator.rule_for_kind',
        'Chỉ tỷ lệ mới cộng theo tỷ số / only a rate aggregates as "ratio"',
        {
          kind: d.kind,
          expected: 'sum',
        },
      );
    }
    for (const field of ['numerator_key', 'denominator_key'] as const) {
      if (d[field]) {
        add(
          field,
          'indicator.parts_only_for_ratio',
          'Chỉ tỷ lệ mới có tử số, mẫu số / only a rate has a numerator and denominator',
        );
      }
    }
    if (d.scale !== null) {
      add(
        'scale',
        'indicator.scale_only_for_ratio',
        'Chỉ tỷ lệ mới có hệ số hiển thị / only a rate has a display scale',
      );
    }
    if (d.kind === 'percent' || d.kind === 'category') {
      const above = d.levels.filter((l) => l !== d.entry_level);
      if (above.length) {
        add(
          'levels',
          'indicator.not_summable',
          `Giá trị loại "${d.kind}" không cộng dồn được: chỉ hiển thị ở cấp nhập / ${d.kind} values cannot be summed: only the entry level`,
          { kind: d.kind, levels: above },
        );
      }
      if (d.time_rule !== 'last') {
        add(
          'time_rule',
          'indicator.rule_for_kind',
          `Loại "${d.kind}" lấy tháng cuối kỳ / a ${d.kind} takes the last month`,
          {
            kind: d.kind,
            expected: 'last',
          },
        );
      }
    }
  }
  return out;
}
