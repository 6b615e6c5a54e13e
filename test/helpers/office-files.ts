/**
 * Boundary files as offices make them, written by GDAL's ogr2ogr (gdal-bin; `.ci/run` installs it):
 * zipped Shapefiles in VN-2000 with DBF text in a chosen encoding, GeoPackages with several layers,
 * CSV with WKT. Sources are the shared real boundaries (read in place) or a FeatureCollection.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { BOUNDARIES_DIR } from './shared-data.ts';

export const OGR2OGR = '/usr/bin/ogr2ogr';

type Source = string | GeoJSON.FeatureCollection;

function ogr2ogr(args: string[]): void {
  if (!existsSync(OGR2OGR)) throw new Error('ogr2ogr is missing: apt-get install -y gdal-bin (.ci/run installs it)');
  execFileSync(OGR2OGR, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Runs `f` with a temporary folder and the source as a file path in it. */
function withSource<T>(source: Source, f: (dir: string, path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-office-'));
  try {
    const path = typeof source === 'string' ? join(BOUNDARIES_DIR, source) : join(dir, 'source.geojson');
    if (typeof source !== 'string') writeFileSync(path, JSON.stringify(source));
    return f(dir, path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A zipped Shapefile: `srs` (e.g. EPSG:3405, VN-2000 / UTM 48N), DBF text in `encoding` (a GDAL/iconv
 * name: UTF-8, CP1258, TCVN5712-1, ISO-8859-1) and its .cpg, which `dropCpg` leaves out as old
 * office files do. Field names longer than 10 characters are cut by GDAL (parent_code → parent_cod).
 */
export function shapefileZip(
  source: Source,
  opts: { srs?: string; encoding?: string; dropCpg?: boolean } = {},
): Buffer {
  return withSource(source, (dir, path) => {
    const out = join(dir, 'shp');
    mkdirSync(out);
    ogr2ogr([
      '-f',
      'ESRI Shapefile',
      ...(opts.srs ? ['-t_srs', opts.srs] : []),
      '-lco',
      `ENCODING=${opts.encoding ?? 'UTF-8'}`,
      join(out, 'wards.shp'),
      path,
    ]);
    if (opts.dropCpg) unlinkSync(join(out, 'wards.cpg'));
    const files: Record<string, Uint8Array> = {};
    for (const f of readdirSync(out)) files[f] = readFileSync(join(out, f));
    return Buffer.from(zipSync(files));
  });
}

/** A GeoPackage holding each source as a named layer, optionally reprojected. */
export function geopackage(layers: { source: Source; name: string; srs?: string }[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-gpkg-'));
  try {
    const out = join(dir, 'layers.gpkg');
    layers.forEach((l, i) =>
      withSource(l.source, (_d, path) =>
        ogr2ogr([
          '-f',
          'GPKG',
          ...(i ? ['-update'] : []),
          '-nln',
          l.name,
          ...(l.srs ? ['-t_srs', l.srs] : []),
          out,
          path,
        ]),
      ),
    );
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CSV with a WKT column (UTF-8), simplified to keep it small. */
export function wktCsv(source: Source): string {
  return withSource(source, (dir, path) => {
    const out = join(dir, 'wards.csv');
    ogr2ogr(['-f', 'CSV', '-lco', 'GEOMETRY=AS_WKT', '-simplify', '0.002', out, path]);
    return readFileSync(out, 'utf8');
  });
}
