/**
 * A zipped Shapefile: the ZIP's directory is checked first (not a ZIP, unsafe names, declared
 * sizes: zip.ts), then only the one layer's parts are inflated to a temporary folder under fixed
 * names, counting real bytes against the same limit. Geometry comes from the .shp (`shapefile`
 * package), attributes from our DBF reader, whose text encoding is settled from the .cpg and a
 * sample of the text (UTF-8, Windows-1258, TCVN3 or VNI).
 */
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  type WriteStream,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
import * as shapefile from 'shapefile';
import { importError } from '../files/import-error.ts';
import { cpgEncoding, settleEncoding, type EncodingInfo } from '../files/text-encoding.ts';
import {
  checkZipEntries,
  inflationLimit,
  isUnsafePath,
  printableName,
  readZipDirectory,
  ZipProblem,
  type ZipEntry,
} from '../files/zip.ts';
import { crsFromPrj } from './crs.ts';
import { DbfError, DbfFile } from './dbf.ts';
import { unknownEncoding, wrapCrs, type OpenedFile, type OpenOptions, type RawFeature } from './source.ts';

const PARTS = ['.shp', '.shx', '.dbf', '.prj', '.cpg'] as const;

const zipFailure = (e: ZipProblem) => importError(e.code, e.message, e.params);

/** Entries that are no part of the data: folders, macOS resource forks, hidden files. */
const ignored = (name: string) => name.endsWith('/') || /(^|\/)(__MACOSX\/|\._)/.test(name);

/** Picks the one .shp of the archive and its companion files by the same path. */
function chooseLayer(entries: ZipEntry[]): Map<string, (typeof PARTS)[number]> {
  const shps = entries.filter((e) => !ignored(e.name) && /\.shp$/i.test(e.name));
  if (shps.length !== 1) {
    const names = entries
      .filter((e) => !ignored(e.name))
      .slice(0, 12)
      .map((e) => printableName(e.name));
    throw importError(
      'zip_shp_count',
      `ZIP phải chứa đúng một tệp .shp (có ${shps.length}); trong ZIP: ${names.join(', ') || '—'} / ` +
        `the ZIP must hold exactly one .shp (found ${shps.length}); it holds: ${names.join(', ') || 'nothing'}`,
      { found: shps.length, names },
    );
  }
  const base = shps[0]!.name.slice(0, -4).toLowerCase();
  const wanted = new Map<string, (typeof PARTS)[number]>();
  for (const e of entries) {
    const lower = e.name.toLowerCase();
    const ext = PARTS.find((p) => lower === `${base}${p}`);
    if (ext) wanted.set(e.name, ext);
  }
  return wanted;
}

/** Inflates the chosen entries to `dir` as layer.shp, layer.dbf…, refusing more than `limit` real bytes. */
async function extract(path: string, dir: string, wanted: Map<string, string>, limit: number): Promise<void> {
  const writes: Promise<unknown>[] = [];
  let total = 0;
  let error: Error | null = null;
  const unzip = new Unzip((file) => {
    if (isUnsafePath(file.name)) {
      error ??= new ZipProblem(
        'unsafe_path',
        { name: printableName(file.name) },
        `Đường dẫn không an toàn trong tệp nén / unsafe path in archive: ${printableName(file.name)}`,
      );
      return;
    }
    const ext = wanted.get(file.name);
    if (!ext) return;
    const out: WriteStream = createWriteStream(join(dir, `layer${ext}`));
    writes.push(once(out, 'close'));
    file.ondata = (err, data, final) => {
      if (err) error ??= err;
      total += data.length;
      if (total > limit) {
        error ??= new ZipProblem(
          'too_large',
          { limit },
          `Tệp ZIP giải nén ra hơn ${Math.floor(limit / 1048576)} MB / the ZIP extracts to more than ${limit} bytes`,
        );
      }
      if (!error) out.write(data);
      if (final || error) out.end();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for await (const chunk of createReadStream(path)) {
      unzip.push(chunk as Uint8Array);
      if (error) break;
    }
    if (!error) unzip.push(new Uint8Array(0), true);
  } catch (e) {
    error ??= e as Error;
  }
  await Promise.all(writes);
  if (error instanceof ZipProblem) throw zipFailure(error);
  if (error) throw importError('zip_broken', 'Tệp ZIP hỏng, không giải nén được / broken ZIP: it cannot be inflated');
}

export async function openShapefileZip(path: string, opts: OpenOptions): Promise<OpenedFile> {
  let entries: ZipEntry[];
  const limit = inflationLimit(statSync(path).size);
  try {
    entries = await readZipDirectory(path);
    checkZipEntries(entries, limit);
  } catch (e) {
    if (e instanceof ZipProblem) throw zipFailure(e);
    throw e;
  }
  const wanted = chooseLayer(entries);
  const dir = mkdtempSync(join(tmpdir(), 'atlas-shp-'));
  const close = () => rmSync(dir, { recursive: true, force: true });
  let dbf: DbfFile | null = null;
  try {
    await extract(path, dir, wanted, limit);
    const part = (ext: string) => join(dir, `layer${ext}`);
    const has = new Set(wanted.values());
    if (!has.has('.dbf'))
      throw importError('shp_no_dbf', 'Thiếu tệp .dbf (thuộc tính) / the .dbf (attributes) is missing');
    if (!has.has('.prj')) {
      throw importError(
        'shp_no_prj',
        'Thiếu tệp .prj: không biết hệ tọa độ / the .prj is missing, so the coordinate system is unknown',
        {},
        'crs',
      );
    }
    const crs = wrapCrs(() => crsFromPrj(readFileSync(part('.prj'), 'utf8')));
    try {
      dbf = await DbfFile.open(part('.dbf'));
    } catch (e) {
      if (e instanceof DbfError) throw importError('dbf_broken', `Tệp .dbf hỏng / unreadable .dbf: ${e.message}`);
      throw e;
    }
    const cpg = has.has('.cpg') ? readFileSync(part('.cpg'), 'latin1').trim() : undefined;
    const sample = await dbf.textSample();
    const encoding: EncodingInfo | null = settleEncoding(sample, {
      choice: opts.encoding,
      hint: cpg ? cpgEncoding(cpg) : null,
      cpg,
    });
    if (!encoding) throw unknownEncoding(null);
    dbf.nameFields(encoding.name);
    let source: Awaited<ReturnType<typeof shapefile.openShp>>;
    try {
      source = await shapefile.openShp(part('.shp'));
    } catch {
      throw importError('shp_broken', 'Tệp .shp hỏng / unreadable .shp');
    }
    const table = dbf;
    async function* features(): AsyncGenerator<RawFeature> {
      const records = table.rawRecords();
      try {
        for (let row = 1; ; row++) {
          let shape: { done: boolean; value: GeoJSON.Geometry | null };
          try {
            shape = (await source.read()) as typeof shape;
          } catch {
            throw importError('shp_broken', `Tệp .shp hỏng ở đối tượng ${row} / unreadable .shp at feature ${row}`, {
              row,
            });
          }
          const record = await records.next();
          if (shape.done !== !!record.done) {
            throw importError(
              'shp_dbf_mismatch',
              `Số đối tượng trong .shp và số dòng trong .dbf khác nhau (từ đối tượng ${row}) / the .shp and the .dbf hold different numbers of records (from ${row} on)`,
              { row },
            );
          }
          if (shape.done) return;
          yield {
            row,
            props: table.values(record.value!, encoding!.name),
            geometry: shape.value ? { geojson: shape.value } : null,
          };
        }
      } finally {
        await records.return(undefined);
        await table.close().catch(() => {});
        close();
      }
    }
    return { format: 'shapefile', features: features(), crs: () => crs, close, encoding };
  } catch (e) {
    await dbf?.close().catch(() => {});
    close();
    throw e;
  }
}
