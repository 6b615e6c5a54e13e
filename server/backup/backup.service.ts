import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import { BackupRepository, type TableInfo } from './backup.repository.ts';

export const BACKUP_FORMAT = 'antt-atlas-backup/1';
const PAGE = 5000;
const BATCH = 2000;

interface Header {
  format: string;
  created_at: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

/**
 * A portable backup of everything (units, data, hotspots, plans, users, tokens, audit log):
 * gzipped JSON lines, the same on PGlite and PostgreSQL, so it also moves a deployment from the
 * embedded database to a PostGIS server. Sessions are not kept: a restore signs everyone out.
 */
export class BackupService {
  constructor(private readonly db: Kysely<unknown>) {}

  async exportTo(path: string, log: (m: string) => void = () => {}): Promise<Header> {
    const repo = new BackupRepository(this.db);
    const tables = await repo.tables();
    const header: Header = {
      format: BACKUP_FORMAT,
      created_at: new Date().toISOString(),
      migrations: await repo.migrations(),
      tables: [],
    };
    for (const t of tables) header.tables.push({ name: t.name, rows: await repo.count(t.name) });
    async function* lines() {
      yield `${JSON.stringify(header)}\n`;
      for (const t of tables) {
        yield `${JSON.stringify({ table: t.name, columns: t.columns })}\n`;
        for (let offset = 0; ; offset += PAGE) {
          const rows = await repo.page(t, offset, PAGE);
          if (!rows.length) break;
          yield rows.map((r) => JSON.stringify(t.columns.map((c) => r[c.name] ?? null))).join('\n') + '\n';
        }
        log(`  ${t.name}: ${header.tables.find((x) => x.name === t.name)!.rows} rows`);
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(path));
    return header;
  }

  /** Restores into a migrated database that holds no units and no users, in one transaction. */
  async importFrom(path: string, log: (m: string) => void = () => {}): Promise<Header> {
    const input = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
    const it = input[Symbol.asyncIterator]();
    const first = await it.next();
    const header = JSON.parse(first.value ?? '{}') as Header;
    if (header.format !== BACKUP_FORMAT) throw new Error(`${path} is not an ANTT Atlas backup (${BACKUP_FORMAT})`);
    await this.db.transaction().execute(async (trx) => {
      const repo = new BackupRepository(trx);
      const have = new Set(await repo.migrations());
      const missing = header.migrations.filter((m) => !have.has(m));
      if (missing.length)
        throw new Error(`The target database lacks migrations ${missing.join(', ')}: run db:migrate first`);
      const target = new Map((await repo.tables()).map((t) => [t.name, t]));
      for (const t of ['admin_unit', 'app_user']) {
        if (target.has(t) && (await repo.count(t)) > 0)
          throw new Error(`The target database is not empty (${t} has rows)`);
      }
      let table: TableInfo | null = null;
      let batch: Record<string, unknown>[] = [];
      const flush = async () => {
        if (table && batch.length) await repo.insert(table, batch);
        batch = [];
      };
      for (let next = await it.next(); !next.done; next = await it.next()) {
        const line = next.value;
        if (!line) continue;
        if (line.startsWith('{')) {
          await flush();
          if (table) await repo.resetIdentities(table);
          const { table: name, columns } = JSON.parse(line) as { table: string; columns: TableInfo['columns'] };
          const known = target.get(name);
          if (!known) throw new Error(`The backup has a table "${name}" the target schema does not`);
          table = { ...known, columns };
          // Tables the target fills itself (catalogue rows seeded at start) are replaced by the backup's.
          await trx.deleteFrom(name as never).execute();
          log(`  ${name}…`);
          continue;
        }
        const values = JSON.parse(line) as unknown[];
        batch.push(Object.fromEntries(table!.columns.map((c, i) => [c.name, values[i]])));
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      if (table) await repo.resetIdentities(table);
    });
    return header;
  }
}
