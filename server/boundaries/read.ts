import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import * as shapefile from 'shapefile';
import { badRequest } from '../errors.ts';
import { crsFromGeoJson, crsFromPrj, CrsError, type Crs } from './crs.ts';

/** One feature as read from the file, before mapping: its position, attributes and geometry text. */
export interface RawFeature {
  /** 1-based feature number (GeoJSON, Shapefile) or CSV line number. */
  row: number;
  props: Record<string, unknown>;
  geometry: { geojson: string } | { wkt: string } | null;
}

export interface ReadResult {
  format: 'geojson' | 'shapefile' | 'csv';
  crs: Crs;
  features: RawFeature[];
}

const fail = (message: string, field = 'file') => badRequest(message, field);

function wrapCrs<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CrsError) throw fail(e.message, 'crs');
    throw e;
  }
}

export async function readBoundaryFile(bytes: Buffer, opts: { srid?: number } = {}): Promise<ReadResult> {
  if (bytes.length === 0) throw fail('Tệp rỗng / the file is empty');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readShapefileZip(bytes);
  const head = bytes
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) return readGeoJson(bytes);
  return readCsvWkt(bytes, opts.srid ?? 4326);
}

function decodeUtf8(bytes: Buffer, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw fail(`${what} không phải UTF-8 / is not valid UTF-8 (save it as UTF-8)`);
  }
}

function readGeoJson(bytes: Buffer): ReadResult {
  let doc: { type?: unknown; features?: unknown; crs?: unknown };
  try {
    doc = JSON.parse(decodeUtf8(bytes, 'GeoJSON'));
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode) throw e;
    throw fail(`GeoJSON hỏng / malformed JSON: ${(e as Error).message}`);
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw fail('GeoJSON phải là FeatureCollection / the GeoJSON must be a FeatureCollection');
  }
  const crs = wrapCrs(() => crsFromGeoJson(doc.crs));
  const features = (doc.features as { type?: unknown; properties?: unknown; geometry?: unknown }[]).map((f, i) => ({
    row: i + 1,
    props: f && typeof f.properties === 'object' && f.properties ? (f.properties as Record<string, unknown>) : {},
    geometry: f?.geometry ? { geojson: JSON.stringify(f.geometry) } : null,
  }));
  return { format: 'geojson', crs, features };
}

async function readShapefileZip(bytes: Buffer): Promise<ReadResult> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(bytes), {
      filter: (f) => !f.name.startsWith('__MACOSX/') && f.originalSize < 2 ** 31,
    });
  } catch (e) {
    throw fail(`Tệp ZIP hỏng / broken ZIP: ${(e as Error).message}`);
  }
  const byExt = (ext: string) => Object.keys(files).filter((n) => n.toLowerCase().endsWith(ext));
  const shp = byExt('.shp');
  if (shp.length !== 1) {
    throw fail(`ZIP phải chứa đúng một tệp .shp / the ZIP must hold exactly one .shp (found ${shp.length})`);
  }
  const base = shp[0]!.slice(0, -4);
  const part = (ext: string) =>
    files[Object.keys(files).find((n) => n.toLowerCase() === `${base}${ext}`.toLowerCase()) ?? ''];
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
  const crs = wrapCrs(() => crsFromPrj(Buffer.from(prj).toString('utf8')));
  const encoding = cpg ? Buffer.from(cpg).toString('utf8').trim() || 'utf-8' : 'utf-8';
  if (!/^(utf-?8|65001)$/i.test(encoding)) {
    throw fail(
      `Bảng mã .cpg "${encoding}" chưa hỗ trợ, hãy lưu thuộc tính ở UTF-8 / only UTF-8 attributes are supported`,
    );
  }
  let source: Awaited<ReturnType<typeof shapefile.open>>;
  try {
    source = await shapefile.open(files[shp[0]!]!, dbf, { encoding: 'utf-8' });
  } catch (e) {
    throw fail(`Shapefile hỏng / unreadable Shapefile: ${(e as Error).message}`);
  }
  const features: RawFeature[] = [];
  for (let row = 1; ; row++) {
    let r: { done: boolean; value: GeoJSON.Feature };
    try {
      r = (await source.read()) as typeof r;
    } catch (e) {
      throw fail(`Shapefile hỏng ở đối tượng ${row} / unreadable Shapefile at feature ${row}: ${(e as Error).message}`);
    }
    if (r.done) break;
    const props = (r.value.properties ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(props)) {
      if (typeof v === 'string' && v.includes('\uFFFD')) {
        throw fail(`Thuộc tính "${k}" của đối tượng ${row} không phải UTF-8 / attribute is not valid UTF-8`, k);
      }
    }
    features.push({ row, props, geometry: r.value.geometry ? { geojson: JSON.stringify(r.value.geometry) } : null });
  }
  return { format: 'shapefile', crs, features };
}

function readCsvWkt(bytes: Buffer, srid: number): ReadResult {
  const text = decodeUtf8(bytes, 'CSV');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, { columns: true, delimiter, skip_empty_lines: true, trim: true, relax_quotes: false });
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw fail(`CSV hỏng ở dòng ${err.lines ?? '?'} / malformed CSV: ${err.message}`);
  }
  if (!records.length) throw fail('CSV không có dòng dữ liệu / no data rows');
  const wktColumn = Object.keys(records[0]!).find((c) => /^(wkt|geometry|geom|the_geom)$/i.test(c));
  if (!wktColumn) throw fail('CSV cần cột WKT (wkt, geometry hoặc geom) / a WKT column is required', 'wkt');
  return {
    format: 'csv',
    crs: srid === 4326 ? { srid, label: 'EPSG:4326' } : { srid, label: `EPSG:${srid}` },
    features: records.map((r, i) => {
      const { [wktColumn]: wkt, ...props } = r;
      return { row: i + 2, props, geometry: wkt ? { wkt } : null };
    }),
  };
}
