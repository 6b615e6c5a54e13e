import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse';
import { Unzip, UnzipInflate } from 'fflate';
import * as shapefile from 'shapefile';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { badRequest } from '../errors.ts';
import { crsFromGeoJson, crsFromPrj, CrsError, WGS84, type Crs } from './crs.ts';

/** One feature as read from the file, before mapping: its position, attributes and geometry text. */
export interface RawFeature {
  /** 1-based feature number (GeoJSON, Shapefile) or CSV line number. */
  row: number;
  props: Record<string, unknown>;
  geometry: { geojson: string } | { wkt: string } | null;
}

/**
 * An uploaded boundary file, read feature by feature from disk so a large file never sits whole in
 * memory. `crs()` is final once `features` is exhausted (a GeoJSON `crs` member may come last).
 */
export interface OpenedFile {
  format: 'geojson' | 'shapefile' | 'csv';
  features: AsyncGenerator<RawFeature>;
  crs(): Crs;
  close(): void;
}

/** Extracted bytes allowed per uploaded byte of a zipped Shapefile (zip bombs). */
const MAX_INFLATION = 20;

const fail = (message: string, field = 'file') => badRequest(message, field);

function wrapCrs<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CrsError) throw fail(e.message, 'crs');
    throw e;
  }
}

/** Strings decoded from bytes that were not UTF-8 hold U+FFFD: refuse them, naming the row and field. */
function checkUtf8(props: Record<string, unknown>, row: number): void {
  for (const [k, v] of Object.entries(props)) {
    if (typeof v === 'string' && v.includes('\uFFFD')) {
      throw fail(
        `Thuộc tính "${k}" ở đối tượng/dòng ${row} không phải UTF-8 / attribute is not valid UTF-8 (save the file as UTF-8)`,
        k,
      );
    }
  }
}

export async function openBoundaryFile(path: string, opts: { srid?: number } = {}): Promise<OpenedFile> {
  const handle = await open(path, 'r');
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(65536), 0, 65536, 0);
  await handle.close();
  const head = buffer.subarray(0, bytesRead);
  if (bytesRead === 0) throw fail('Tệp rỗng / the file is empty');
  if (head[0] === 0x50 && head[1] === 0x4b) return openShapefileZip(path);
  if (
    head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('{')
  )
    return openGeoJson(path);
  return openCsvWkt(path, head, opts.srid ?? 4326);
}

function openGeoJson(path: string): OpenedFile {
  let crs: Crs = WGS84;
  async function* features(): AsyncGenerator<RawFeature> {
    let type: unknown;
    let row = 0;
    const pipeline = chain([
      createReadStream(path),
      parser(),
      pick({ filter: /^(type|crs|features\.\d+)$/ }),
      streamValues(),
    ]);
    try {
      for await (const { value } of pipeline as AsyncIterable<{ value: unknown }>) {
        if (typeof value === 'string') type = value;
        else if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Feature') {
          const f = value as { properties?: unknown; geometry?: unknown };
          row++;
          const props =
            f.properties && typeof f.properties === 'object' ? (f.properties as Record<string, unknown>) : {};
          checkUtf8(props, row);
          yield { row, props, geometry: f.geometry ? { geojson: JSON.stringify(f.geometry) } : null };
        } else if (value && typeof value === 'object' && 'properties' in value) {
          crs = wrapCrs(() => crsFromGeoJson(value));
        } else {
          row++;
          throw fail(`Đối tượng ${row} không phải Feature / item ${row} of "features" is not a Feature`, 'features');
        }
      }
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode) throw e;
      throw fail(`GeoJSON hỏng / malformed JSON: ${(e as Error).message}`);
    }
    if (type !== 'FeatureCollection')
      throw fail('GeoJSON phải là FeatureCollection / the GeoJSON must be a FeatureCollection');
  }
  return { format: 'geojson', features: features(), crs: () => crs, close: () => {} };
}

/** Unzips to a temporary folder, streaming, keeping only base names (no path traversal). */
async function unzipToDir(path: string, limit: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-shp-'));
  const writes: Promise<unknown>[] = [];
  let total = 0;
  let error: Error | null = null;
  const unzip = new Unzip((file) => {
    const name = basename(file.name);
    if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/') || !/\.(shp|shx|dbf|prj|cpg)$/i.test(name)) return;
    const out: WriteStream = createWriteStream(join(dir, name.toLowerCase()));
    writes.push(once(out, 'close'));
    file.ondata = (err, data, final) => {
      if (err) error ??= err;
      total += data.length;
      if (total > limit) error ??= new Error(`extracts to more than ${limit} bytes`);
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
  if (error) {
    rmSync(dir, { recursive: true, force: true });
    throw fail(`Tệp ZIP hỏng / broken ZIP: ${(error as Error).message}`);
  }
  return dir;
}

async function openShapefileZip(path: string): Promise<OpenedFile> {
  const { size } = await (await open(path, 'r')).stat();
  const dir = await unzipToDir(path, Math.max(size * MAX_INFLATION, 64 * 1024 * 1024));
  const close = () => rmSync(dir, { recursive: true, force: true });
  try {
    const { readdirSync, readFileSync } = await import('node:fs');
    const names = readdirSync(dir);
    const shp = names.filter((n) => n.endsWith('.shp'));
    if (shp.length !== 1) {
      throw fail(`ZIP phải chứa đúng một tệp .shp / the ZIP must hold exactly one .shp (found ${shp.length})`);
    }
    const base = shp[0]!.slice(0, -4);
    const part = (ext: string) => (names.includes(`${base}${ext}`) ? join(dir, `${base}${ext}`) : null);
    const dbf = part('.dbf');
    const prj = part('.prj');
    const cpg = part('.cpg');
    if (!dbf) throw fail('Thiếu tệp .dbf (thuộc tính) / the .dbf (attributes) is missing');
    if (!prj) {
      throw fail(
        'Thiếu tệp .prj: không biết hệ tọa độ / the .prj is missing, so the coordinate system is unknown',
        'crs',
      );
    }
    const crs = wrapCrs(() => crsFromPrj(readFileSync(prj, 'utf8')));
    const encoding = cpg ? readFileSync(cpg, 'utf8').trim() || 'utf-8' : 'utf-8';
    if (!/^(utf-?8|65001)$/i.test(encoding)) {
      throw fail(
        `Bảng mã .cpg "${encoding}" chưa hỗ trợ, hãy lưu thuộc tính ở UTF-8 / only UTF-8 attributes are supported`,
      );
    }
    let source: Awaited<ReturnType<typeof shapefile.open>>;
    try {
      source = await shapefile.open(join(dir, shp[0]!), dbf, { encoding: 'utf-8' });
    } catch (e) {
      throw fail(`Shapefile hỏng / unreadable Shapefile: ${(e as Error).message}`);
    }
    async function* features(): AsyncGenerator<RawFeature> {
      try {
        for (let row = 1; ; row++) {
          let r: { done: boolean; value: GeoJSON.Feature };
          try {
            r = (await source.read()) as typeof r;
          } catch (e) {
            throw fail(
              `Shapefile hỏng ở đối tượng ${row} / unreadable Shapefile at feature ${row}: ${(e as Error).message}`,
            );
          }
          if (r.done) return;
          const props = (r.value.properties ?? {}) as Record<string, unknown>;
          checkUtf8(props, row);
          yield { row, props, geometry: r.value.geometry ? { geojson: JSON.stringify(r.value.geometry) } : null };
        }
      } finally {
        close();
      }
    }
    return { format: 'shapefile', features: features(), crs: () => crs, close };
  } catch (e) {
    close();
    throw e;
  }
}

function openCsvWkt(path: string, head: Buffer, srid: number): OpenedFile {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split('\n', 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const crs: Crs = srid === 4326 ? WGS84 : { srid, label: `EPSG:${srid}` };
  async function* features(): AsyncGenerator<RawFeature> {
    const csv = createReadStream(path).pipe(
      parseCsv({ columns: true, bom: true, delimiter, skip_empty_lines: true, trim: true, relax_quotes: false }),
    );
    let wktColumn: string | undefined;
    let line = 1;
    try {
      for await (const record of csv as AsyncIterable<Record<string, string>>) {
        line++;
        if (!wktColumn) {
          wktColumn = Object.keys(record).find((c) => /^(wkt|geometry|geom|the_geom)$/i.test(c));
          if (!wktColumn) throw fail('CSV cần cột WKT (wkt, geometry hoặc geom) / a WKT column is required', 'wkt');
        }
        const { [wktColumn]: wkt, ...props } = record;
        checkUtf8(props, line);
        yield { row: line, props, geometry: wkt ? { wkt } : null };
      }
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode) throw e;
      const err = e as { lines?: number; message: string };
      throw fail(`CSV hỏng ở dòng ${err.lines ?? '?'} / malformed CSV: ${err.message}`);
    }
    if (line === 1) throw fail('CSV không có dòng dữ liệu / no data rows');
  }
  return { format: 'csv', features: features(), crs: () => crs, close: () => {} };
}
