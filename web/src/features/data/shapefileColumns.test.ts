import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dbfFieldNames, shapefileColumns, zipEntries } from './shapefileColumns.ts';

/** A dBASE III header with these character fields and one record. */
function dbf(fields: string[]): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const out = new Uint8Array(headerLength + 1 + 10 * fields.length + 1);
  const view = new DataView(out.buffer);
  out[0] = 3;
  view.setUint32(4, 1, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, 1 + 10 * fields.length, true);
  fields.forEach((f, i) => {
    out.set(new TextEncoder().encode(f).subarray(0, 11), 32 + 32 * i);
    out[32 + 32 * i + 11] = 'C'.charCodeAt(0);
    out[32 + 32 * i + 16] = 10;
  });
  out[headerLength - 1] = 0x0d;
  return out;
}

describe('Shapefile columns in the browser', () => {
  it('reads the field names of a .dbf header, and waits for enough bytes', () => {
    const bytes = dbf(['MA_XA', 'TEN_XA', 'MA_HUYEN']);
    expect(dbfFieldNames(bytes)).toEqual(['MA_XA', 'TEN_XA', 'MA_HUYEN']);
    expect(dbfFieldNames(bytes.subarray(0, 40))).toBeNull();
  });

  it('finds the .dbf in a zip (deflated or stored) behind a large .shp and reads only its header', async () => {
    const shp = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
    for (const level of [0, 6] as const) {
      const zip = zipSync(
        { 'xa.shp': shp, 'xa.dbf': dbf(['MA_XA', 'TEN_XA', 'LOAI']), 'xa.prj': new TextEncoder().encode('GEOGCS[]') },
        { level },
      );
      const entries = zipEntries(zip, 0);
      expect(entries.map((e) => e.name)).toEqual(['xa.shp', 'xa.dbf', 'xa.prj']);
      expect(await shapefileColumns(new Blob([zip]))).toEqual(['MA_XA', 'TEN_XA', 'LOAI']);
    }
  });

  it('gives up quietly on what is not a zipped Shapefile', async () => {
    expect(await shapefileColumns(new Blob([new Uint8Array(100)]))).toEqual([]);
    const noDbf = zipSync({ 'a.txt': new TextEncoder().encode('x') });
    expect(await shapefileColumns(new Blob([noDbf]))).toEqual([]);
  });
});
