import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { MultiPolygon, Polygon } from 'geojson';
import { crsWkt, type CrsDef } from '../../geo/crs.ts';
import type { MapLevel } from '../../geo/levels.ts';
import { CSV_BOM, csvDocument, csvLine, type CsvValue } from '../exports/csv.ts';
import type { ExportsService } from '../exports/exports.service.ts';
import type { RequestContext } from '../auth/context.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import { displayNames } from '../ogc/display-names.ts';
import { kindsOf } from '../ogc/ogc.service.ts';
import type { BboxFilter, FeatureKey, FeatureRow, GeometryOptions, OgcRepository } from '../ogc/ogc.repository.ts';
import type { ValuesService } from '../values/values.service.ts';
import { valueTable, type ValueTable } from '../values/value-table.ts';
import { DbfWriter, type DbfField } from './dbf.writer.ts';
import { dbfNames, UNIT_FIELDS, valueFields, type Field } from './fields.ts';
import { GpkgWriter } from './gpkg.writer.ts';
import { ShpWriter } from './shp.writer.ts';
import { zipFiles } from './zip.stream.ts';

export const DOWNLOAD_FORMATS = ['gpkg', 'shp', 'geojson', 'csv'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** Units read from the database at a time: what sits in memory while a file is written. */
export const DOWNLOAD_BATCH = 1000;

export interface DownloadQuery {
  format: DownloadFormat;
  level: MapLevel;
  /** Boundary date: the units valid then (the version the map shows). */
  at: string;
  /** WGS 84 [west, south, east, north] of the view, or null for the whole scope. */
  bbox: [number, number, number, number] | null;
  indicators: string[];
  periods: string[];
  /** The system of the file's coordinates (longitude first for WGS 84). */
  crs: CrsDef;
}

export interface Download {
  fileName: string;
  contentType: string;
  features: number;
  body: Readable;
}

const CONTENT_TYPE: Record<DownloadFormat, string> = {
  gpkg: 'application/geopackage+sqlite3',
  shp: 'application/zip',
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};
const EXTENSION: Record<DownloadFormat, string> = { gpkg: 'gpkg', shp: 'zip', geojson: 'geojson', csv: 'csv' };

export interface DownloadsDeps {
  repo: OgcRepository;
  values: ValuesService;
  indicators: IndicatorsService;
  exports: ExportsService;
  isDemo: () => Promise<boolean>;
}

/**
 * "Tải dữ liệu": the units of the map's level and boundary date (within the view's box and the
 * caller's scope) with the shown indicators' values, as GeoPackage, Shapefile (ZIP), GeoJSON or CSV
 * in a chosen system. Units are read DOWNLOAD_BATCH at a time and written as they come (GeoJSON and
 * CSV stream straight to the client; GeoPackage and Shapefile go to a temporary file first, which is
 * removed once sent), so 100,000 groups never sit in memory at once. Recorded as an export.
 */
export class DownloadsService {
  constructor(private readonly deps: DownloadsDeps) {}

  async start(ctx: RequestContext, q: DownloadQuery): Promise<Download> {
    const collection = q.level === 'ward' ? 'wards' : 'groups';
    const bbox: BboxFilter | null = q.bbox ? { coords: q.bbox, srid: 4326 } : null;
    const filter = {
      collection,
      time: { start: q.at, end: q.at },
      bbox,
      scope: ctx.scope,
      actorId: ctx.actor?.id ?? null,
    } as const;
    // Everything that can be refused is checked before the first byte: unknown indicators, levels, periods.
    const [table, features, indicators, demo] = await Promise.all([
      valueTable(this.deps.values, {
        indicators: q.indicators,
        periods: q.periods,
        level: q.level,
        at: q.at,
        scope: ctx.scope,
      }),
      this.deps.repo.count(filter),
      this.deps.indicators.list(),
      this.deps.isDemo(),
    ]);
    const names = new Map(
      indicators.map((i) => [i.key, { vi: i.name_vi, en: i.name_en, unitVi: i.unit_vi, unitEn: i.unit_en }]),
    );
    const fields = [...UNIT_FIELDS, ...valueFields(table, names)];
    const base = fileBase(q);
    const fileName = `${base}.${EXTENSION[q.format]}`;
    await this.deps.exports.record(ctx, {
      format: q.format,
      kind: 'units',
      detail: {
        file_name: fileName,
        level: q.level,
        at: q.at,
        bbox: q.bbox,
        indicators: q.indicators,
        periods: q.periods,
        crs: `EPSG:${q.crs.epsg}`,
        features,
      },
    });
    const rows = (g: GeometryOptions) => this.batches(filter, g);
    const title = `ANTT Atlas — ${q.level === 'ward' ? 'phường, xã' : 'tổ dân phố, thôn'} ${q.at}${demo ? ' (dữ liệu mẫu / demo data)' : ''}`;
    let body: Readable;
    if (q.format === 'geojson')
      body = Readable.from(
        geojsonChunks(rows({ crs: q.crs, geometry: 'geojson' }), fields, table, q.crs, base, title, demo),
      );
    else if (q.format === 'csv')
      body = Readable.from(csvChunks(rows({ crs: q.crs, geometry: 'none', point: true }), fields, table, q.crs));
    else body = await fileBody(q.format, base, title, fields, table, q.crs, rows);
    return { fileName, contentType: CONTENT_TYPE[q.format], features, body };
  }

  private async *batches(filter: Parameters<OgcRepository['count']>[0], g: GeometryOptions): AsyncGenerator<Batch> {
    let after: FeatureKey | undefined;
    const kinds = kindsOf(filter.collection);
    for (;;) {
      const rows = await this.deps.repo.page({ ...filter, limit: DOWNLOAD_BATCH, ...(after ? { after } : {}) }, g);
      if (rows.length) yield { rows, names: await displayNames(this.deps.repo, rows, kinds) };
      if (rows.length < DOWNLOAD_BATCH) return;
      after = [rows[rows.length - 1]!.id];
    }
  }
}

/** Units as read at a time, with their display names. */
interface Batch {
  rows: FeatureRow[];
  names: string[];
}

/** `antt-atlas-to-dan-pho-2017-12-31-epsg9210`: ASCII, no blanks, says what and in which system. */
export function fileBase(q: Pick<DownloadQuery, 'level' | 'at' | 'crs'>): string {
  const what = q.level === 'ward' ? 'phuong-xa' : 'to-dan-pho';
  return `antt-atlas-${what}-${q.at}${q.crs.projected ? `-epsg${q.crs.epsg}` : ''}`;
}

/** The values of a row in field order: the unit's columns, then its indicator values. */
function rowValues(r: FeatureRow, name: string, table: ValueTable): (string | number | null)[] {
  return [
    r.code,
    r.name,
    name,
    r.kind,
    r.parent_code,
    r.parent_name,
    r.households,
    r.population,
    r.valid_from,
    r.valid_to,
    r.unit_id,
    ...table.row(r.unit_id),
  ];
}

async function* geojsonChunks(
  batches: AsyncGenerator<Batch>,
  fields: readonly Field[],
  table: ValueTable,
  crs: CrsDef,
  name: string,
  title: string,
  demo: boolean,
): AsyncGenerator<string> {
  // RFC 7946 GeoJSON is WGS 84 longitude/latitude; a projected file names its system as GeoJSON 2008
  // did (`crs`), which GDAL, QGIS and the portal's own importer read.
  const named = crs.projected ? `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::${crs.epsg}"}},` : '';
  yield `{"type":"FeatureCollection","name":${JSON.stringify(name)},"title":${JSON.stringify(title)},"demo":${demo},${named}"features":[\n`;
  let first = true;
  for await (const { rows, names } of batches) {
    const parts = rows.map((r, i) => {
      const values = rowValues(r, names[i]!, table);
      const props = Object.fromEntries(fields.map((f, i) => [f.name, values[i] ?? null]));
      return `{"type":"Feature","id":${r.id},"properties":${JSON.stringify(props)},"geometry":${typeof r.geometry === 'string' ? r.geometry : 'null'}}`;
    });
    yield (first ? '' : ',\n') + parts.join(',\n');
    first = false;
  }
  yield '\n]}\n';
}

async function* csvChunks(
  batches: AsyncGenerator<Batch>,
  fields: readonly Field[],
  table: ValueTable,
  crs: CrsDef,
): AsyncGenerator<string> {
  const [xName, yName] = crs.projected ? ['x', 'y'] : ['lon', 'lat'];
  yield CSV_BOM + csvLine([...fields.map((f) => f.name), xName, yName]);
  for await (const { rows, names } of batches) {
    yield rows
      .map((r, i) => csvLine([...rowValues(r, names[i]!, table), r.x ?? null, r.y ?? null] as CsvValue[]))
      .join('');
  }
}

/** GeoPackage or zipped Shapefile: written to a temporary folder, then streamed and removed. */
async function fileBody(
  format: 'gpkg' | 'shp',
  base: string,
  title: string,
  fields: readonly Field[],
  table: ValueTable,
  crs: CrsDef,
  rows: (g: GeometryOptions) => AsyncGenerator<Batch>,
): Promise<Readable> {
  const dir = await mkdtemp(join(tmpdir(), `atlas-dl-${randomBytes(3).toString('hex')}-`));
  const cleanup = () => rm(dir, { recursive: true, force: true }).catch(() => undefined);
  try {
    if (format === 'gpkg') {
      const path = join(dir, `${base}.gpkg`);
      const w = GpkgWriter.create(path, {
        table: base.replace(/-/g, '_'),
        identifier: title,
        description: title,
        crs,
        fields,
      });
      try {
        for await (const { rows: batch, names } of rows({ crs, geometry: 'wkb' })) {
          w.write(
            batch.map((r, i) => ({
              values: rowValues(r, names[i]!, table),
              wkb: r.geometry instanceof Uint8Array ? r.geometry : null,
              envelope: r.xmin == null ? null : [r.xmin, r.ymin!, r.xmax!, r.ymax!],
            })),
          );
        }
        w.close();
      } catch (e) {
        w.abort();
        throw e;
      }
      const stream = createReadStream(path);
      stream.once('close', cleanup);
      return stream;
    }
    const names = dbfNames(fields.map((f) => f.name));
    const dbfFields: DbfField[] = fields.map((f, i) => ({
      name: names[i]!,
      type: f.type === 'text' ? 'C' : f.type === 'date' ? 'D' : 'N',
      width: f.type === 'real' ? 24 : f.width,
      decimals: f.type === 'real' ? 10 : 0,
    }));
    const path = (ext: string) => join(dir, `${base}.${ext}`);
    const shp = await ShpWriter.create(path('shp'), path('shx'));
    const dbf = await DbfWriter.create(path('dbf'), dbfFields).catch(async (e) => {
      await shp.close();
      throw e;
    });
    try {
      for await (const { rows: batch, names } of rows({ crs, geometry: 'geojson' })) {
        await shp.write(
          batch.map((r) =>
            typeof r.geometry === 'string' ? (JSON.parse(r.geometry) as Polygon | MultiPolygon) : null,
          ),
        );
        await dbf.write(batch.map((r, i) => rowValues(r, names[i]!, table)));
      }
    } finally {
      await shp.close();
      await dbf.close();
    }
    await writeFile(path('prj'), crsWkt(crs));
    await writeFile(path('cpg'), 'UTF-8');
    // The DBF holds 10-character names: the list says which column is which, in both languages.
    await writeFile(
      path('fields.csv'),
      csvDocument([
        ['dbf_name', 'name', 'title_vi', 'title_en'],
        ...fields.map((f, i) => [names[i]!, f.name, f.titleVi, f.titleEn]),
      ]),
    );
    const out = new PassThrough();
    const files = ['shp', 'shx', 'dbf', 'prj', 'cpg', 'fields.csv'].map((ext) => ({
      name: ext === 'fields.csv' ? `${base}_fields.csv` : `${base}.${ext}`,
      path: path(ext),
    }));
    zipFiles(files, out).then(cleanup, (e: Error) => {
      out.destroy(e);
      void cleanup();
    });
    out.once('close', cleanup);
    return out;
  } catch (e) {
    await cleanup();
    throw e;
  }
}
