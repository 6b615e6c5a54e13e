import type { Kysely } from 'kysely';
import { INDICATORS } from '../../geo/catalogue.ts';
import type { DemoDataset } from '../../geo/demo/types.ts';
import { foldVietnamese } from '../../geo/text.ts';
import type { DB } from '../db/schema.ts';
import { HotspotsRepository } from '../hotspots/hotspots.repository.ts';
import { IndicatorsRepository } from '../indicators/indicators.repository.ts';
import { SettingsRepository } from '../settings/settings.repository.ts';
import { UnitsRepository } from '../units/units.repository.ts';
import { ValuesRepository } from '../values/values.repository.ts';

/** The setting that says whether the data are the synthetic demo (and, once left, when it was removed). */
export const DEMO_SETTING = 'demo';

/**
 * Loads the synthetic demo dataset in one transaction: either all of it lands or none.
 * Everything written is flagged demo so it can be removed later and is labelled in the API.
 */
export async function loadDemo(db: Kysely<DB>, data: DemoDataset, log: (m: string) => void = () => {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The demo's values are of the seed catalogue: any seed indicator an administrator deleted
    // (it had no values) comes back for them; edited ones stay as they are.
    await new IndicatorsRepository(trx).insertMissing(INDICATORS);
    const units = new UnitsRepository(trx);
    const ids = new Map<string, number>();
    for (const u of data.units) {
      const id = await units.insert({
        code: u.code,
        name: u.name.normalize('NFC'),
        short_name: u.shortName.normalize('NFC'),
        kind: u.kind,
        geojson: JSON.stringify(u.geometry),
        households: u.households,
        population: u.population,
        valid_from: u.validFrom,
        valid_to: u.validTo,
        search_text: foldVietnamese(`${u.name} ${u.code}`),
        demo: true,
      });
      ids.set(u.key, id);
    }
    const idOf = (key: string): number => {
      const id = ids.get(key);
      if (id === undefined) throw new Error(`Demo data refers to unknown unit ${key}`);
      return id;
    };
    await units.insertParentLinks(
      data.parentLinks.map((l) => ({
        child_id: idOf(l.childKey),
        parent_id: idOf(l.parentKey),
        valid_from: l.validFrom,
        valid_to: l.validTo,
      })),
    );
    await units.insertCrosswalk(
      data.crosswalk.map((c) => ({
        from_unit_id: idOf(c.fromKey),
        to_unit_id: idOf(c.toKey),
        area_share: c.areaShare,
        household_share: c.householdShare,
      })),
    );
    log(`  ${data.units.length} đơn vị hành chính / units`);

    const hotspots = new HotspotsRepository(trx);
    for (const h of data.hotspots) {
      await hotspots.insert({
        unit_id: idOf(h.groupKey),
        categories: h.categories,
        designated_on: h.designatedOn,
        target_date: h.targetDate,
        note: h.note,
        demo: true,
        history: h.history.map((s) => ({ status: s.status, changed_on: s.date, note: s.note, created_by: null })),
      });
    }
    log(`  ${data.hotspots.length} tổ dân phố/thôn phức tạp / hotspots`);

    await new ValuesRepository(trx).insertMany(
      data.observations.map((o) => ({
        indicator_key: o.indicator,
        unit_id: idOf(o.unitKey),
        period: o.period,
        value: o.value,
      })),
      true,
    );
    log(`  ${data.observations.length.toLocaleString('vi-VN')} số liệu tháng / monthly observations`);
    await new SettingsRepository(trx).set(DEMO_SETTING, { demo: true, seed: data.seed, periods: data.periods });
  });
}
