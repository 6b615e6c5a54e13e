import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { parsers } from './types.ts';

export interface OpenPGliteOptions {
  /** Folder to persist to; omit for an in-memory database. */
  dataDir?: string;
  /** A tarball from `dumpDataDir()` to start from (test templates, restore). */
  loadFrom?: string;
  log?: (msg: string) => void;
}

/** True when the folder already holds an initialised PGlite cluster. */
export function hasCluster(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

export async function openPGlite(opts: OpenPGliteOptions = {}): Promise<PGlite> {
  const log = opts.log ?? (() => {});
  const fresh = !opts.dataDir || !hasCluster(opts.dataDir);
  const started = performance.now();
  const loadDataDir = opts.loadFrom ? new Blob([await readFile(opts.loadFrom)]) : undefined;
  log(
    loadDataDir
      ? `Đang mở CSDL nhúng từ bản mẫu ${opts.loadFrom} / opening embedded database from a template…`
      : fresh
        ? 'Đang tạo CSDL nhúng PGlite + PostGIS (lần đầu mất ~15 giây) / creating the embedded database (first time ~15 s)…'
        : `Đang mở CSDL nhúng ở ${opts.dataDir} / opening the embedded database…`,
  );
  const pg = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { postgis },
    parsers,
    relaxedDurability: false,
  });
  await pg.exec(`SET TIME ZONE 'Asia/Ho_Chi_Minh'`);
  log(`CSDL nhúng sẵn sàng sau ${((performance.now() - started) / 1000).toFixed(1)} giây / ready.`);
  return pg;
}
