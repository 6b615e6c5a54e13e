import { sql, type Kysely } from 'kysely';
import { catalogueRow, type IndicatorInput } from '../../geo/catalogue-rules.ts';
import type { IndicatorDef } from '../../geo/catalogue.ts';
import type { DB } from '../db/schema.ts';
import type { Indicator } from './indicators.schemas.ts';

/** A catalogue row as the API serves it (the schema is the single definition of its shape). */
export type IndicatorRow = Indicator;

/** What a service may change of a row. */
export type IndicatorPatch = Partial<Omit<IndicatorInput, 'key'>>;

export class IndicatorsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Every indicator, retired ones too (their history stays readable), in catalogue order. */
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
        'description_en',
        'source',
        'numerator_key',
        'denominator_key',
        'scale',
        sql<string | null>`(select to_char(min(o.period), 'YYYY-MM') from observation o
          where o.indicator_key = coalesce(indicator.numerator_key, indicator.key))`.as('first_period'),
        sql<string | null>`(select to_char(max(o.period), 'YYYY-MM') from observation o
          where o.indicator_key = coalesce(indicator.numerator_key, indicator.key))`.as('last_period'),
        sql<boolean>`exists (select 1 from observation o where o.indicator_key = indicator.key)`.as('has_data'),
        sql<string | null>`to_char(indicator.retired_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as(
          'retired_at',
        ),
      ])
      .$castTo<Indicator>()
      .orderBy('sort_order')
      .orderBy('key')
      .execute();
  }

  /** Writes seed definitions that are not there yet (base indicators first, so rates find their parts); never overwrites. */
  async insertMissing(defs: readonly IndicatorDef[]): Promise<string[]> {
    const ordered = [...defs].sort((a, b) => Number(a.kind === 'ratio') - Number(b.kind === 'ratio'));
    const added: string[] = [];
    for (const d of ordered) {
      const res = await this.db
        .insertInto('indicator')
        .values({ ...catalogueRow(d), sort_order: defs.indexOf(d) })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) added.push(d.key);
    }
    return added;
  }

  /** A new indicator, after the others. */
  async insert(row: IndicatorInput): Promise<void> {
    await this.db
      .insertInto('indicator')
      .values({
        ...row,
        sort_order: sql<number>`(select coalesce(max(sort_order), -1) + 1 from indicator)`,
      })
      .execute();
  }

  async update(key: string, patch: IndicatorPatch): Promise<void> {
    await this.db
      .updateTable('indicator')
      .set({ ...patch, updated_at: sql`now()` })
      .where('key', '=', key)
      .execute();
  }

  async setRetired(key: string, retired: boolean): Promise<void> {
    await this.db
      .updateTable('indicator')
      .set({ retired_at: retired ? sql`now()` : null, updated_at: sql`now()` })
      .where('key', '=', key)
      .execute();
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('indicator').where('key', '=', key).execute();
  }

  /** What refers to `key`: stored values, rates built on it, saved views showing it. */
  async usage(key: string): Promise<{ values: number; ratios: string[]; views: number }> {
    const [values, ratios, views] = await Promise.all([
      this.db
        .selectFrom('observation')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('indicator_key', '=', key)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('indicator')
        .select('key')
        .where((eb) => eb.or([eb('numerator_key', '=', key), eb('denominator_key', '=', key)]))
        .orderBy('key')
        .execute(),
      this.db
        .selectFrom('saved_view')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where(sql<boolean>`state ->> 'indicator' = ${key}`)
        .executeTakeFirstOrThrow(),
    ]);
    return { values: Number(values.n), ratios: ratios.map((r) => r.key), views: Number(views.n) };
  }
}
