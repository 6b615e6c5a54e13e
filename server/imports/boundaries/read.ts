import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { importError } from '../files/import-error.ts';
import { hasZipMagic } from '../files/zip.ts';
import {
  csvDelimiter,
  decodeText,
  firstBadUtf8Line,
  looksBinary,
  settleEncoding,
  textStream,
  TextStreamError,
} from '../files/text-encoding.ts';
import { crsFromGeoJson, WGS84, type Crs } from './crs.ts';
import { openGeoPackage, SQLITE_MAGIC } from './geopackage.ts';
import { openShapefileZip } from './shapefile.ts';
import { unknownEncoding, wrapCrs, type OpenedFile, type OpenOptions, type RawFeature } from './source.ts';

export type { OpenedFile, OpenOptions, RawFeature } from './source.ts';

/** Deeper JSON than this is no GeoJSON (a MultiPolygon's positions sit at depth 7). */
export const MAX_JSON_DEPTH = 64;
const HEAD_BYTES = 1024 * 1024;

/** Signatures of binary files people send by mistake, to name them in the refusal. */
const KNOWN_BINARY: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'Excel 97–2003 (.xls) / Word (.doc)'],
  [[0x1f, 0x8b], 'gzip'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7-Zip'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG'],
  [[0xff, 0xd8, 0xff], 'JPEG'],
];

export async function openBoundaryFile(path: string, opts: OpenOptions = {}): Promise<OpenedFile> {
  const handle = await open(path, 'r');
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
  await handle.close();
  const head = buffer.subarray(0, bytesRead);
  if (bytesRead === 0) throw importError('empty', 'Tệp rỗng / the file is empty');
  // "PK" and a ZIP record type: a text file may well start with "PK" (a CSV whose first column is PK_ID).
  const isZip = hasZipMagic(head);
  const isGpkg = head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);
  if (opts.layer !== undefined && !isGpkg) {
    throw importError(
      'layer_not_geopackage',
      'Chỉ GeoPackage mới có lớp để chọn / "layer" applies to GeoPackage files only',
      {},
      'layer',
    );
  }
  if (isZip) return openShapefileZip(path, opts);
  if (isGpkg) return openGeoPackage(path, opts);
  // UTF-16 without a byte-order mark is full of NUL bytes: only a user who says so gets it read.
  if (opts.encoding !== 'utf-16' && looksBinary(head.subarray(0, 65536))) {
    const known = KNOWN_BINARY.find(([sig]) => sig.every((b, i) => head[i] === b))?.[1];
    throw importError(
      'not_text',
      `Tệp không phải văn bản${known ? ` (có vẻ là ${known})` : ''}: cần GeoJSON, CSV, Shapefile nén ZIP hoặc GeoPackage / ` +
        `not a text file${known ? ` (it looks like ${known})` : ' (binary data)'}: send GeoJSON, CSV, a zipped Shapefile or a GeoPackage`,
      known ? { looks_like: known } : {},
    );
  }
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{')) {
    if (opts.encoding && opts.encoding !== 'auto' && opts.encoding !== 'utf-8') {
      throw importError(
        'encoding_geojson',
        'GeoJSON luôn là UTF-8 (RFC 7946); bảng mã chỉ chọn cho Shapefile (DBF) và CSV / GeoJSON is always UTF-8 (RFC 7946): the encoding applies to Shapefile DBF and CSV',
        {},
        'encoding',
      );
    }
    return openGeoJson(path);
  }
  return openCsvWkt(path, head, opts);
}

/** Refuses JSON nested deeper than MAX_JSON_DEPTH while the tokens stream, before anything recurses. */
class NestingTooDeep extends Error {}
function depthGuard(): Transform {
  let depth = 0;
  return new Transform({
    objectMode: true,
    transform(token: { name: string }, _e, done) {
      if (token.name === 'startObject' || token.name === 'startArray') {
        if (++depth > MAX_JSON_DEPTH) return done(new NestingTooDeep());
      } else if (token.name === 'endObject' || token.name === 'endArray') depth--;
      done(null, token);
    },
  });
}

function openGeoJson(path: string): OpenedFile {
  let crs: Crs = WGS84;
  async function* features(): AsyncGenerator<RawFeature> {
    let type: unknown;
    let row = 0;
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _e, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const pipeline = chain([
      createReadStream(path),
      counter,
      parser(),
      depthGuard(),
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
          yield { row, props, geometry: f.geometry ? { geojson: f.geometry } : null };
        } else if (value && typeof value === 'object' && 'properties' in value) {
          crs = wrapCrs(() => crsFromGeoJson(value));
        } else {
          row++;
          throw importError(
            'not_a_feature',
            `Đối tượng ${row} không phải Feature / item ${row} of "features" is not a Feature`,
            { row },
            'features',
          );
        }
      }
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode) throw e;
      if (e instanceof NestingTooDeep) {
        throw importError(
          'nesting_too_deep',
          `JSON lồng quá sâu (hơn ${MAX_JSON_DEPTH} tầng): không phải GeoJSON / nesting too deep: more than ${MAX_JSON_DEPTH} levels of JSON, not GeoJSON`,
          { max: MAX_JSON_DEPTH },
        );
      }
      // The parser's own message may quote the bad bytes: say where instead.
      throw importError(
        'malformed_json',
        `GeoJSON hỏng (JSON sai cú pháp, khoảng byte ${bytes}) / malformed JSON (invalid syntax within the first ${bytes} bytes)`,
        { near_byte: bytes },
      );
    } finally {
      pipeline.destroy();
    }
    if (type !== 'FeatureCollection')
      throw importError(
        'not_feature_collection',
        'GeoJSON phải là FeatureCollection / the GeoJSON must be a FeatureCollection',
      );
  }
  return { format: 'geojson', features: features(), crs: () => crs, close: () => {}, encoding: null };
}

function openCsvWkt(path: string, head: Buffer, opts: OpenOptions): OpenedFile {
  const srid = opts.srid ?? 4326;
  // Settle the encoding on the first megabyte, cut at a line end.
  const cut = head.length === HEAD_BYTES ? head.lastIndexOf(0x0a) + 1 || head.length : head.length;
  const sample = head.subarray(0, cut);
  const encoding = settleEncoding(sample, { choice: opts.encoding });
  if (!encoding) throw unknownEncoding(firstBadUtf8Line(sample));
  const firstLine =
    decodeText(sample.subarray(0, 4096), encoding.name)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  const delimiter = csvDelimiter(firstLine);
  const crs: Crs = srid === 4326 ? WGS84 : { srid, label: `EPSG:${srid}` };
  async function* features(): AsyncGenerator<RawFeature> {
    const input = createReadStream(path);
    const decoded = input.pipe(textStream(encoding!.name));
    const csv = decoded.pipe(
      parseCsv({ columns: true, delimiter, skip_empty_lines: true, trim: true, relax_quotes: false }),
    );
    decoded.on('error', (e) => csv.destroy(e));
    let wktColumn: string | undefined;
    let line = 1;
    try {
      for await (const record of csv as AsyncIterable<Record<string, string>>) {
        line++;
        if (!wktColumn) {
          wktColumn = Object.keys(record).find((c) => /^(wkt|geometry|geom|the_geom)$/i.test(c));
          if (!wktColumn)
            throw importError(
              'csv_no_wkt',
              'CSV cần cột WKT (wkt, geometry hoặc geom) / a WKT column is required',
              {},
              'wkt',
            );
        }
        const { [wktColumn]: wkt, ...rest } = record;
        const props: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(rest)) props[k.normalize('NFC')] = v.normalize('NFC');
        yield { row: line, props, geometry: wkt ? { wkt } : null };
      }
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode) throw e;
      if (e instanceof TextStreamError) {
        if (e.kind === 'binary') {
          throw importError('not_text', 'Tệp chứa dữ liệu nhị phân (byte NUL) / not a text file: it holds NUL bytes');
        }
        throw unknownEncoding(e.line);
      }
      throw csvProblem(e);
    } finally {
      input.destroy();
    }
    if (line === 1) throw importError('csv_no_rows', 'CSV không có dòng dữ liệu / no data rows');
  }
  return { format: 'csv', features: features(), crs: () => crs, close: () => {}, encoding };
}

/** A CSV parse error said by its kind and line, never quoting the file's bytes. */
function csvProblem(e: unknown) {
  const err = e as { code?: string; lines?: number };
  const line = typeof err.lines === 'number' ? err.lines : null;
  const what =
    err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || err.code === 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH'
      ? 'số cột khác dòng tiêu đề / the number of columns differs from the header'
      : err.code?.startsWith('CSV_QUOTE') ||
          err.code === 'CSV_INVALID_CLOSING_QUOTE' ||
          err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'dấu ngoặc kép không đóng đúng / broken quoting'
        : `CSV sai cấu trúc (${err.code ?? 'parse error'}) / invalid CSV (${err.code ?? 'parse error'})`;
  return importError(
    'malformed_csv',
    `CSV hỏng ở dòng ${line ?? '?'} / malformed CSV at line ${line ?? '?'}: ${what}`,
    {
      line,
      reason: err.code ?? null,
    },
  );
}
