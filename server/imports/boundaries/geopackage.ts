/**
 * GeoPackage (QGIS's default format): a SQLite file read in place, read-only, by node-sqlite3-wasm
 * (SQLite compiled to WebAssembly: it installs with npm alone, no native build or binary
 * download). Its vector layers are listed from gpkg_contents; one is read row by row, geometry
 * from the GeoPackage binary header + WKB (wkb.ts), the CRS from gpkg_spatial_ref_sys (an EPSG
 * code PostGIS knows, or the WKT definition: VN-2000 gets the Decision 05/2007 shift as from a .prj).
 */
import sqlite from 'node-sqlite3-wasm';
import { importError } from '../files/import-error.ts';
import { crsFromPrj, WGS84, type Crs } from './crs.ts';
import { wrapCrs, type OpenedFile, type OpenOptions, type RawFeature } from './source.ts';
import { parseGpkgGeometry, WkbError } from './wkb.ts';

export const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface LayerInfo {
  name: string;
  geometry_type: string;
  features: number;
  srs_id: number;
}

type Db = InstanceType<typeof sqlite.Database>;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function layersOf(db: Db): (LayerInfo & { column: string })[] {
  const rows = db.all(
    `select c.table_name as name, g.column_name as col, g.geometry_type_name as type, g.srs_id as srs
     from gpkg_contents c join gpkg_geometry_columns g on g.table_name = c.table_name
     where c.data_type = 'features' order by c.table_name`,
  ) as { name: string; col: string; type: string; srs: number }[];
  return rows.map((r) => ({
    name: r.name,
    column: r.col,
    geometry_type: r.type,
    srs_id: r.srs,
    features: Number((db.get(`select count(*) as n from ${quote(r.name)}`) as { n: number }).n),
  }));
}

/** The CRS of a GeoPackage SRS id: WGS 84, VN-2000 (from its WKT, with the datum shift), or an EPSG code. */
function crsOf(db: Db, srsId: number, srid: number | undefined): Crs {
  if (srid !== undefined) return srid === 4326 ? WGS84 : { srid, label: `EPSG:${srid}` };
  // 0: undefined geographic (taken as WGS 84, checked against Viet Nam's extent); -1: undefined Cartesian.
  if (srsId === 4326 || srsId === 0) return WGS84;
  const row = db.get(
    'select organization as org, organization_coordsys_id as code, definition as def from gpkg_spatial_ref_sys where srs_id = ?',
    [srsId],
  ) as { org: string | null; code: number | null; def: string | null } | null;
  if (!row || srsId === -1) {
    throw importError(
      'gpkg_no_crs',
      'Lớp GeoPackage không có hệ tọa độ: hãy gửi tham số srid / the GeoPackage layer has no coordinate system: give srid',
      { srs_id: srsId },
      'crs',
    );
  }
  const def = row.def && row.def !== 'undefined' ? row.def : '';
  if (/VN[-_ ]?2000|Vietnam[_ ]2000/i.test(def)) return wrapCrs(() => crsFromPrj(def));
  if (row.org?.toUpperCase() === 'EPSG' && row.code) {
    return row.code === 4326 ? WGS84 : { srid: row.code, label: `EPSG:${row.code}` };
  }
  return wrapCrs(() => crsFromPrj(def));
}

export function openGeoPackage(path: string, opts: OpenOptions): OpenedFile {
  let db: Db;
  try {
    db = new sqlite.Database(path, { readOnly: true });
  } catch {
    throw importError(
      'gpkg_broken',
      'Không mở được tệp GeoPackage (SQLite hỏng) / cannot open the GeoPackage (damaged SQLite file)',
    );
  }
  let stmt: ReturnType<Db['prepare']> | null = null;
  const close = () => {
    if (stmt && !stmt.isFinalized) stmt.finalize();
    if (db.isOpen) db.close();
  };
  try {
    let layers: (LayerInfo & { column: string })[];
    try {
      if (!db.get(`select 1 as x from sqlite_master where type = 'table' and name = 'gpkg_contents'`)) {
        throw importError(
          'not_geopackage',
          'Tệp SQLite này không phải GeoPackage (không có bảng gpkg_contents) / this SQLite file is not a GeoPackage (no gpkg_contents table)',
        );
      }
      layers = layersOf(db);
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode) throw e;
      throw importError('gpkg_broken', 'Tệp GeoPackage hỏng / damaged GeoPackage');
    }
    const listed = layers.map(({ column: _c, ...l }) => l);
    const names = layers.map((l) => `${l.name} (${l.features}, ${l.geometry_type})`).join('; ');
    if (!layers.length) {
      throw importError('gpkg_no_layers', 'GeoPackage không có lớp vector nào / the GeoPackage holds no vector layer');
    }
    let layer = layers[0]!;
    if (opts.layer !== undefined) {
      const found =
        layers.find((l) => l.name === opts.layer) ??
        layers.find((l) => l.name.toLowerCase() === opts.layer!.toLowerCase());
      if (!found) {
        throw importError(
          'gpkg_layer_unknown',
          `GeoPackage không có lớp "${opts.layer}"; các lớp: ${names} / no layer "${opts.layer}" in the GeoPackage; its layers: ${names}`,
          { layer: opts.layer },
          'layer',
          { layers: listed },
        );
      }
      layer = found;
    } else if (layers.length > 1) {
      throw importError(
        'gpkg_layer_required',
        `GeoPackage có ${layers.length} lớp: hãy chọn một (tham số layer): ${names} / the GeoPackage holds ${layers.length} layers: choose one (layer): ${names}`,
        { count: layers.length },
        'layer',
        { layers: listed },
      );
    }
    const crs = crsOf(db, layer.srs_id, opts.srid);
    const info = db.all(`pragma table_info(${quote(layer.name)})`) as { name: string; type: string; pk: number }[];
    const pk = info.find((c) => c.pk === 1 && /^integer$/i.test(c.type))?.name;
    const attributes = info.map((c) => c.name).filter((c) => c !== layer.column && c !== pk);
    const selected = attributes.map(quote).concat(quote(layer.column)).join(', ');
    async function* features(): AsyncGenerator<RawFeature> {
      try {
        stmt = db.prepare(`select ${selected} from ${quote(layer.name)}${pk ? ` order by ${quote(pk)}` : ''}`);
        let row = 0;
        for (const record of stmt.iterate() as Iterable<Record<string, unknown>>) {
          row++;
          const props: Record<string, unknown> = {};
          for (const a of attributes) {
            const v = record[a];
            props[a] = typeof v === 'string' ? v.normalize('NFC') : v instanceof Uint8Array ? null : v;
          }
          const blob = record[layer.column];
          let geometry: RawFeature['geometry'] = null;
          let geometryProblem: string | undefined;
          if (blob instanceof Uint8Array) {
            try {
              const g = parseGpkgGeometry(blob).geometry;
              geometry = g ? { geojson: g } : null;
            } catch (e) {
              if (!(e instanceof WkbError)) throw e;
              geometryProblem = `Hình học không đọc được / unreadable geometry: ${e.message}`;
            }
          }
          yield { row, props, geometry, ...(geometryProblem ? { geometryProblem } : {}) };
        }
      } finally {
        close();
      }
    }
    return {
      format: 'geopackage',
      features: features(),
      crs: () => crs,
      close,
      encoding: null,
      layer: layer.name,
      layers: listed,
    };
  } catch (e) {
    close();
    throw e;
  }
}
