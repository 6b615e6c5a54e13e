/**
 * A GeoPackage 1.3 file (QGIS's default format) with one feature table, written in batches to a
 * file by node-sqlite3-wasm (SQLite in WebAssembly: installs with npm alone, no native build):
 * gpkg_spatial_ref_sys with the system's WKT (VN-2000 with its datum shift), gpkg_contents with the
 * extent, gpkg_geometry_columns, geometry as GeoPackage binary (header, envelope, little-endian WKB
 * from PostGIS), and the Schema extension's gpkg_data_columns so QGIS shows Vietnamese titles.
 *
 * No R-tree index: this SQLite build has no rtree module (checked: "no such module: rtree"), and a
 * hand-written one would be a copy of SQLite's internals. QGIS and GDAL read the file without it;
 * QGIS builds one on request (Layer Properties → Source → Create Spatial Index).
 */
import sqlite from 'node-sqlite3-wasm';
import { crsWkt, type CrsDef } from '../../geo/crs.ts';
import type { Field } from './fields.ts';

type Db = InstanceType<typeof sqlite.Database>;
type Stmt = ReturnType<Db['prepare']>;

export interface GpkgFeature {
  values: readonly (string | number | null)[];
  /** Little-endian WKB (PostGIS ST_AsBinary(g, 'NDR')) and its envelope; null for no geometry. */
  wkb: Uint8Array | null;
  envelope: [number, number, number, number] | null;
}

const GPKG_APPLICATION_ID = 0x47504b47; // "GPKG"
const GPKG_VERSION = 10300;
const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

/** GeoPackage binary geometry: "GP", version 0, flags (little-endian, xy envelope), srs id, envelope, WKB. */
export function gpkgGeometry(wkb: Uint8Array, srsId: number, env: [number, number, number, number]): Uint8Array {
  const out = new Uint8Array(8 + 32 + wkb.length);
  const view = new DataView(out.buffer);
  out[0] = 0x47;
  out[1] = 0x50;
  out[2] = 0;
  out[3] = 0b0000_0011; // bit 0: little-endian; bits 1–3 = 1: envelope [minx, maxx, miny, maxy]
  view.setInt32(4, srsId, true);
  view.setFloat64(8, env[0], true);
  view.setFloat64(16, env[2], true);
  view.setFloat64(24, env[1], true);
  view.setFloat64(32, env[3], true);
  out.set(wkb, 40);
  return out;
}

const SQL_TYPE: Record<Field['type'], string> = { text: 'TEXT', integer: 'INTEGER', real: 'REAL', date: 'DATE' };

export class GpkgWriter {
  private readonly insert: Stmt;
  private extent: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];

  private constructor(
    private readonly db: Db,
    private readonly table: string,
    private readonly srsId: number,
    fields: readonly Field[],
  ) {
    const cols = ['geom', ...fields.map((f) => f.name)].map(quote).join(', ');
    this.insert = db.prepare(`insert into ${quote(table)} (${cols}) values (${fields.map(() => '?').join(', ')}, ?)`);
  }

  /**
   * Creates the file and its tables. `identifier` and `description` are what QGIS shows for the layer.
   */
  static create(
    path: string,
    opts: { table: string; identifier: string; description: string; crs: CrsDef; fields: readonly Field[] },
  ): GpkgWriter {
    const db = new sqlite.Database(path);
    try {
      const { crs, table, fields } = opts;
      const srsId = crs.epsg;
      db.exec(`pragma application_id = ${GPKG_APPLICATION_ID}; pragma user_version = ${GPKG_VERSION};
        pragma journal_mode = off; pragma synchronous = off;`);
      db.exec(`
        create table gpkg_spatial_ref_sys (srs_name text not null, srs_id integer primary key, organization text not null,
          organization_coordsys_id integer not null, definition text not null, description text);
        create table gpkg_contents (table_name text not null primary key, data_type text not null, identifier text unique,
          description text default '', last_change datetime not null default (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x double, min_y double, max_x double, max_y double,
          srs_id integer, constraint fk_gc_r_srs_id foreign key (srs_id) references gpkg_spatial_ref_sys(srs_id));
        create table gpkg_geometry_columns (table_name text not null, column_name text not null,
          geometry_type_name text not null, srs_id integer not null, z tinyint not null, m tinyint not null,
          constraint pk_geom_cols primary key (table_name, column_name),
          constraint fk_gc_tn foreign key (table_name) references gpkg_contents(table_name),
          constraint fk_gc_srs foreign key (srs_id) references gpkg_spatial_ref_sys (srs_id));
        create table gpkg_extensions (table_name text, column_name text, extension_name text not null,
          definition text not null, scope text not null,
          constraint ge_tce unique (table_name, column_name, extension_name));
        create table gpkg_data_columns (table_name text not null, column_name text not null, name text, title text,
          description text, mime_type text, constraint_name text,
          constraint pk_gdc primary key (table_name, column_name));`);
      const srs = db.prepare('insert into gpkg_spatial_ref_sys values (?, ?, ?, ?, ?, ?)');
      srs.run([
        'Undefined cartesian SRS',
        -1,
        'NONE',
        -1,
        'undefined',
        'undefined cartesian coordinate reference system',
      ]);
      srs.run([
        'Undefined geographic SRS',
        0,
        'NONE',
        0,
        'undefined',
        'undefined geographic coordinate reference system',
      ]);
      srs.run([
        'WGS 84 geodetic',
        4326,
        'EPSG',
        4326,
        crsWkt({ ...crs, projected: false }),
        'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
      ]);
      if (srsId !== 4326) srs.run([crs.name, srsId, 'EPSG', srsId, crsWkt(crs), crs.nameEn]);
      srs.finalize();
      const columns = fields.map((f) => `${quote(f.name)} ${SQL_TYPE[f.type]}`).join(', ');
      db.exec(
        `create table ${quote(table)} (fid integer primary key autoincrement not null, geom MULTIPOLYGON, ${columns})`,
      );
      db.run(
        `insert into gpkg_contents (table_name, data_type, identifier, description, srs_id) values (?, 'features', ?, ?, ?)`,
        [table, opts.identifier, opts.description, srsId],
      );
      db.run(`insert into gpkg_geometry_columns values (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)`, [table, srsId]);
      db.run(
        `insert into gpkg_extensions values ('gpkg_data_columns', null, 'gpkg_schema',
          'http://www.geopackage.org/spec/#extension_schema', 'read-write')`,
      );
      const dc = db.prepare(
        'insert into gpkg_data_columns (table_name, column_name, name, title, description) values (?, ?, ?, ?, ?)',
      );
      for (const f of fields) dc.run([table, f.name, f.name, f.titleVi, f.titleEn]);
      dc.finalize();
      db.exec('begin');
      return new GpkgWriter(db, table, srsId, fields);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  /** Appends features (one transaction for the whole file, committed on close). */
  write(features: readonly GpkgFeature[]): void {
    for (const f of features) {
      let blob: Uint8Array | null = null;
      if (f.wkb && f.envelope) {
        blob = gpkgGeometry(f.wkb, this.srsId, f.envelope);
        const [x1, y1, x2, y2] = f.envelope;
        const e = this.extent;
        this.extent = [Math.min(e[0], x1), Math.min(e[1], y1), Math.max(e[2], x2), Math.max(e[3], y2)];
      }
      this.insert.run([blob, ...f.values]);
    }
  }

  close(): void {
    try {
      if (!this.insert.isFinalized) this.insert.finalize();
      if (Number.isFinite(this.extent[0])) {
        const [x1, y1, x2, y2] = this.extent;
        this.db.run('update gpkg_contents set min_x = ?, min_y = ?, max_x = ?, max_y = ? where table_name = ?', [
          x1,
          y1,
          x2,
          y2,
          this.table,
        ]);
      }
      this.db.exec('commit');
    } finally {
      if (this.db.isOpen) this.db.close();
    }
  }

  /** Closes without committing (the caller removes the file). */
  abort(): void {
    if (!this.insert.isFinalized) this.insert.finalize();
    if (this.db.isOpen) this.db.close();
  }
}
