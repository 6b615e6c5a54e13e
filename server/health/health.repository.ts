import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export class HealthRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async postgisVersion(): Promise<string> {
    const { rows } = await sql<{ v: string }>`select postgis_lib_version() as v`.execute(this.db);
    return rows[0]?.v ?? 'unknown';
  }
}
