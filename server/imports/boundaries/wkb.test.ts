import { describe, expect, it } from 'vitest';
import { parseGpkgGeometry, WkbError } from './wkb.ts';

/** A GeoPackage blob: header (little-endian, envelope kind `env`), then WKB written by hand. */
function blob(wkb: number[], srsId = 3405, env = 0, bigWkb = false): Uint8Array {
  const envBytes = [0, 32, 48, 48, 64][env]!;
  const head = Buffer.alloc(8 + envBytes);
  head.write('GP', 0, 'latin1');
  head[3] = 1 | (env << 1);
  head.writeInt32LE(srsId, 4);
  void bigWkb;
  return new Uint8Array(Buffer.concat([head, Buffer.from(wkb)]));
}
const u32 = (n: number) => [...new Uint8Array(new Uint32Array([n]).buffer)];
const f64 = (...xs: number[]) => xs.flatMap((x) => [...new Uint8Array(new Float64Array([x]).buffer)]);
const ring = [u32(4), f64(0, 0, 1, 0, 1, 1, 0, 0)].flat();

describe('GeoPackage geometry', () => {
  it('reads a polygon after the header and its envelope', () => {
    const g = parseGpkgGeometry(blob([1, ...u32(3), ...u32(1), ...ring], 3405, 1));
    expect(g).toEqual({
      srsId: 3405,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    });
  });

  it('reads a MultiPolygon with Z, dropping Z', () => {
    const ringZ = [u32(4), f64(0, 0, 9, 1, 0, 9, 1, 1, 9, 0, 0, 9)].flat();
    const poly = [1, ...u32(1003), ...u32(1), ...ringZ];
    const g = parseGpkgGeometry(blob([1, ...u32(1006), ...u32(1), ...poly]));
    expect(g.geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      ],
    });
  });

  it('gives null for an empty geometry and names curved types', () => {
    const empty = blob([]);
    empty[3] = empty[3]! | 0x10;
    expect(parseGpkgGeometry(empty).geometry).toBeNull();
    expect(() => parseGpkgGeometry(blob([1, ...u32(10), ...u32(0)]))).toThrow(/CurvePolygon/);
    expect(() => parseGpkgGeometry(new Uint8Array([1, 2, 3]))).toThrow(WkbError);
  });
});
