import { sql, type Kysely } from 'kysely';
import type { IndicatorDef } from '../../geo/catalogue.ts';
import type { DB } from '../db/schema.ts';
import type { Indicator } from './indicators.schemas.ts';

/** A catalogue row as the API serves it (the schema is the single definition of its shape). */
export type IndicatorRow = Indicator;

/** A catalogue definition (geo/catalogue.ts) as its row is stored and served. */
export function catalogueRow(d: IndicatorDef) {
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
    source: d.source,
    numerator_key: d.numerator ?? null,
    denominator_key: d.denominator ?? null,
    scale: d.scale ?? null,
  };
}

export class IndicatorsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async list(): Promise<IndicatorRow[]> {
    return this.db
      .selectFrom('indicator')
      .select([
        'key',
        'name_vi',
        'name_en',
        'unit_vi',
        'unit_en',
        'kind',
        'time_rule',
        'spatial_rule',
        'polarity',
        'levels',
        'entry_level',
        'theme',
        'description_vi',
        'source',
        'numerator_key',
        'denominator_key',
        'scale',
        sql<string | null>`(select to_char(min(o.period), 'YYYY-MM') from observation o
          where o.indicator_key = coalesce(indicator.numerator_key, indicator.key))`.as('first_period'),
        sql<string | null>`(select to_char(max(o.period), 'YYYY-MM') from observation o
          where o.indicator_key = coalesce(indicator.numerator_key, indicator.key))`.as('last_period'),
      ])
      .$castTo<Indicator>()
      .orderBy('sort_order')
      .orderBy('key')
      .execute();
  }

  /** Writes the built-in catalogue; base indicators first so ratios can reference them. */
  async upsertCatalogue(defs: readonly IndicatorDef[]): Promise<void> {
    const ordered = [...defs].sort((a, b) => Number(a.kind === 'ratio') - Number(b.kind === 'ratio'));
    for (const d of ordered) {
      const row = { ...catalogueRow(d), sort_order: defs.indexOf(d) };
      await this.db
        .insertInto('indicator')
        .values(row)
        .onConflict((oc) => oc.column('key').doUpdateSet(row))
        .execute();
    }
  }
}
