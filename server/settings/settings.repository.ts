import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export class SettingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async get<T>(key: string): Promise<T | undefined> {
    const row = await this.db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    // Cast from text on both backends: PGlite would otherwise JSON-encode the string a second time.
    const json = sql<unknown>`cast(${JSON.stringify(value)} as text)::jsonb`;
    await this.db
      .insertInto('app_setting')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
      .execute();
  }
}
