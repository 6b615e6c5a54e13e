/**
 * The binary representation of a values matrix (`application/octet-stream` from `/api/values`), and
 * its decoder. Pure and dependency-free (TextEncoder, DataView, typed arrays) so the web app can
 * import it as is.
 *
 * Layout, little-endian, every section aligned to 8 bytes from the start of the body:
 *
 *   "ATV1"                      4 bytes magic
 *   header length (u32)         4 bytes
 *   header (UTF-8 JSON)         ValuesBinHeader, padded with spaces to a multiple of 8
 *   ids (Int32 × n)             only when header.idsIncluded; padded to 8
 *   values (Float32|Float64 × n·p), row-major: values[i·p + j] = unit ids[i] in periods[j]; NaN = null
 *   reexpressed (Uint32 × k)    cell indices i·p + j re-expressed from another boundary version
 *
 * Values travel as Float32 when every value of the matrix is exactly representable in 32 bits
 * (counts are), else as Float64 (ratios), so decoding always gives back exactly the JSON matrix.
 * The ids list of a boundary version is also served alone (`/api/values/ids`, raw Int32, ETag =
 * `idsVersion`): a client that sends `ids_version` equal to the current one gets a body without ids.
 */

export const VALUES_BIN_TYPE = 'application/octet-stream';
const MAGIC = 0x31565441; // "ATV1" read as a little-endian u32

export interface ValuesBinHeader {
  indicator: string;
  level: string;
  at: string;
  demo: boolean;
  periods: string[];
  /** Number of units (rows). */
  n: number;
  /** Hash of the ids list (Int32 bytes) these rows follow; equals the ETag of `/api/values/ids`. */
  idsVersion: string;
  idsIncluded: boolean;
  dtype: 'f32' | 'f64';
  /** Number of re-expressed cells. */
  reexpressed: number;
}

/** The matrix as the server holds it: row-major values with NaN for null. */
export interface ValuesGrid {
  indicator: string;
  level: string;
  at: string;
  periods: string[];
  ids: Int32Array;
  /** values[i * periods.length + j]; NaN = missing. */
  values: Float64Array;
  /** Sorted cell indices i * periods.length + j. */
  reexpressed: Uint32Array;
}

export interface DecodedValues {
  header: ValuesBinHeader;
  /** The ids from the body, or the ones passed to `decodeValues` when the body holds none. */
  ids: Int32Array;
  values: Float32Array | Float64Array;
  reexpressed: Uint32Array;
}

const pad8 = (n: number) => (n + 7) & ~7;

/** Whether every value survives a round trip through Float32 (NaN included). */
export function fitsFloat32(values: Float64Array): boolean {
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v === v && Math.fround(v) !== v) return false;
  }
  return true;
}

export function encodeValues(
  grid: ValuesGrid,
  meta: { demo: boolean; idsVersion: string; includeIds: boolean },
): Uint8Array {
  const dtype = fitsFloat32(grid.values) ? 'f32' : 'f64';
  const header: ValuesBinHeader = {
    indicator: grid.indicator,
    level: grid.level,
    at: grid.at,
    demo: meta.demo,
    periods: grid.periods,
    n: grid.ids.length,
    idsVersion: meta.idsVersion,
    idsIncluded: meta.includeIds,
    dtype,
    reexpressed: grid.reexpressed.length,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLen = pad8(json.length);
  const idsOff = 8 + headerLen;
  const valuesOff = idsOff + (meta.includeIds ? pad8(grid.ids.length * 4) : 0);
  const valueBytes = grid.values.length * (dtype === 'f32' ? 4 : 8);
  const rexOff = pad8(valuesOff + valueBytes);
  const total = rexOff + grid.reexpressed.length * 4;

  const buf = new ArrayBuffer(total);
  const bytes = new Uint8Array(buf);
  const view = new DataView(buf);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerLen, true);
  bytes.fill(0x20, 8, 8 + headerLen);
  bytes.set(json, 8);
  if (meta.includeIds) new Int32Array(buf, idsOff, grid.ids.length).set(grid.ids);
  if (dtype === 'f32') new Float32Array(buf, valuesOff, grid.values.length).set(grid.values);
  else new Float64Array(buf, valuesOff, grid.values.length).set(grid.values);
  new Uint32Array(buf, rexOff, grid.reexpressed.length).set(grid.reexpressed);
  return bytes;
}

/**
 * Decodes a body of `encodeValues`. `ids` is the client's cached list for `header.idsVersion`,
 * needed only when the body holds none. Every section starts on an 8-byte boundary of the body, so the
 * arrays are views when the body starts on one (as `Response.arrayBuffer()` does), copies otherwise.
 */
export function decodeValues(body: ArrayBuffer | Uint8Array, ids?: Int32Array): DecodedValues {
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const { buffer, byteOffset: base, byteLength } = aligned;
  const view = new DataView(buffer, base, byteLength);
  if (byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a values body (magic)');
  const headerLen = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(aligned.subarray(8, 8 + headerLen))) as ValuesBinHeader;
  const n = header.n;
  const cells = n * header.periods.length;
  let off = 8 + headerLen;
  let rowIds: Int32Array;
  if (header.idsIncluded) {
    rowIds = new Int32Array(buffer, base + off, n);
    off += pad8(n * 4);
  } else {
    if (!ids || ids.length !== n) throw new Error(`ids list ${header.idsVersion} (${n} ids) is needed to decode`);
    rowIds = ids;
  }
  const values =
    header.dtype === 'f32' ? new Float32Array(buffer, base + off, cells) : new Float64Array(buffer, base + off, cells);
  off = pad8(off + values.byteLength);
  const reexpressed = new Uint32Array(buffer, base + off, header.reexpressed);
  return { header, ids: rowIds, values, reexpressed };
}

/** The decoded body in the JSON contract's shape (`values[i][j]`, null when missing; `[i, j]` pairs). */
export function toJsonShape(d: DecodedValues): {
  ids: number[];
  periods: string[];
  values: (number | null)[][];
  reexpressed: [number, number][];
} {
  const p = d.header.periods.length;
  const values: (number | null)[][] = [];
  for (let i = 0; i < d.header.n; i++) {
    const row: (number | null)[] = new Array(p);
    for (let j = 0; j < p; j++) {
      const v = d.values[i * p + j]!;
      row[j] = v === v ? v : null;
    }
    values.push(row);
  }
  const reexpressed = Array.from(d.reexpressed, (c): [number, number] => [Math.floor(c / p), c % p]);
  return { ids: Array.from(d.ids), periods: d.header.periods, values, reexpressed };
}
