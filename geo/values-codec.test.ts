import { describe, expect, it } from 'vitest';
import { decodeValues, encodeValues, fitsFloat32, toJsonShape, type ValuesGrid } from './values-codec.ts';

const grid = (values: number[], n = 2): ValuesGrid => ({
  indicator: 'drug_cases',
  level: 'group',
  at: '2025-12-31',
  periods: Array.from({ length: values.length / n }, (_, j) => `2025-${String(j + 1).padStart(2, '0')}`),
  ids: Int32Array.from({ length: n }, (_, i) => 1000 + i * 7),
  values: Float64Array.from(values),
  reexpressed: Uint32Array.from([1, 2]),
});

describe('values codec', () => {
  it('round-trips counts as Float32, NaN as null, with and without ids', () => {
    const g = grid([1, NaN, 3, 16_777_216]);
    const withIds = encodeValues(g, { demo: true, idsVersion: 'v1', includeIds: true });
    const d = decodeValues(withIds);
    expect(d.header).toMatchObject({ dtype: 'f32', n: 2, idsIncluded: true, demo: true, idsVersion: 'v1' });
    expect(toJsonShape(d)).toEqual({
      ids: [1000, 1007],
      periods: ['2025-01', '2025-02'],
      values: [
        [1, null],
        [3, 16_777_216],
      ],
      reexpressed: [
        [0, 1],
        [1, 0],
      ],
    });
    const lean = encodeValues(g, { demo: true, idsVersion: 'v1', includeIds: false });
    expect(lean.byteLength).toBeLessThan(withIds.byteLength);
    expect(() => decodeValues(lean)).toThrow(/ids list/);
    expect(toJsonShape(decodeValues(lean, g.ids))).toEqual(toJsonShape(d));
  });

  it('falls back to Float64 when a value does not survive Float32, and decodes from any offset', () => {
    const g = grid([0.1, 2 / 3, NaN, 16_777_217]);
    expect(fitsFloat32(g.values)).toBe(false);
    const body = encodeValues(g, { demo: false, idsVersion: 'v2', includeIds: true });
    const shifted = new Uint8Array(body.byteLength + 3).subarray(3);
    shifted.set(body);
    const d = decodeValues(shifted);
    expect(d.header.dtype).toBe('f64');
    expect(toJsonShape(d).values).toEqual([
      [0.1, 2 / 3],
      [null, 16_777_217],
    ]);
  });

  it('rejects bodies that are not values matrices', () => {
    expect(() => decodeValues(new TextEncoder().encode('{"ids":[]}'))).toThrow(/magic/);
  });
});
