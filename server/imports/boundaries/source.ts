/** What every boundary file reader hands on: features one by one, the CRS, the encoding. */
import { importError } from '../files/import-error.ts';
import type { EncodingChoice, EncodingInfo } from '../files/text-encoding.ts';
import { CrsError, type Crs } from './crs.ts';
import type { LayerInfo } from './geopackage.ts';

/** One feature as read from the file, before mapping: its position, attributes and geometry. */
export interface RawFeature {
  /** 1-based feature number (GeoJSON, Shapefile, GeoPackage) or CSV line number. */
  row: number;
  props: Record<string, unknown>;
  /** GeoJSON geometry as parsed, or WKT text (CSV). */
  geometry: { geojson: unknown } | { wkt: string } | null;
  /** Why the geometry could not be read at all (a curved GeoPackage geometry, broken WKB). */
  geometryProblem?: string;
}

/**
 * An uploaded boundary file, read feature by feature from disk so a large file never sits whole in
 * memory. `crs()` is final once `features` is exhausted (a GeoJSON `crs` member may come last).
 */
export interface OpenedFile {
  format: 'geojson' | 'shapefile' | 'csv' | 'geopackage';
  features: AsyncGenerator<RawFeature>;
  crs(): Crs;
  close(): void;
  /** The text encoding, for formats that do not fix one (DBF, CSV); GeoJSON and GeoPackage are UTF-8. */
  encoding: EncodingInfo | null;
  /** GeoPackage: the layer read and all the vector layers it holds. */
  layer?: string;
  layers?: LayerInfo[];
}

export interface OpenOptions {
  srid?: number;
  encoding?: EncodingChoice;
  layer?: string;
}

export function wrapCrs<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CrsError) throw importError('crs_unsupported', e.message, {}, 'crs');
    throw e;
  }
}

/** The message for bytes that fit no encoding: not UTF-8 (from the line named), and no legacy encoding reads right. */
export function unknownEncoding(line: number | null): ReturnType<typeof importError> {
  const at = line ? ` (dòng ${line})` : '';
  const atEn = line ? ` (line ${line})` : '';
  return importError(
    'encoding_unknown',
    `Tệp không phải UTF-8${at} và không đọc được bằng Windows-1258, TCVN3 hay VNI: hãy chọn bảng mã / ` +
      `the text is not UTF-8${atEn} and does not read as Windows-1258, TCVN3 or VNI: choose the encoding`,
    line ? { line } : {},
    'encoding',
  );
}
