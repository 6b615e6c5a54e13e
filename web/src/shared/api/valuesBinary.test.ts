import { describe, expect, it } from 'vitest';
import { decodeValues as decodeValuesBody, encodeValues, type ValuesGrid } from '../../../../geo/values-codec.ts';
import { fromBinary, isReexpressed, periodValues, toMatrix, unitValue } from './matrix.ts';

const grid = (values: number[]): ValuesGrid => ({
  indicator: 'cases_total',
  level: 'ward',
  at: '2025-12-31',
  periods: ['2025-10', '2025-11', '2025-12'],
  ids: Int32Array.from([7, 3, 11]),
  values: Float64Array.from(values),
  reexpressed: Uint32Array.from([4]),
});

/** The encoder's bytes as `Response.arrayBuffer()` hands them over: a buffer of their own. */
const body = (bytes: Uint8Array) => bytes.slice().buffer;

describe('binary values body', () => {
  const counts = [1, 2, 3, NaN, 5, 6, 0, NaN, 9];

  it('decodes what the server encodes, with its ids (Float32 counts, NaN = missing)', () => {
    const bytes = encodeValues(grid(counts), { demo: true, idsVersion: 'v1', includeIds: true });
    const d = decodeValuesBody(body(bytes));
    expect(d.header).toMatchObject({ n: 3, dtype: 'f32', idsVersion: 'v1', demo: true, idsIncluded: true });
    expect(d.values).toBeInstanceOf(Float32Array);
    expect([...d.ids]).toEqual([7, 3, 11]);
    expect([...d.values]).toEqual(counts);
    expect([...d.reexpressed]).toEqual([4]);
  });

  it('takes the cached ids when the body has none, and refuses a list of the wrong length', () => {
    const bytes = encodeValues(grid(counts), { demo: false, idsVersion: 'v1', includeIds: false });
    const d = decodeValuesBody(body(bytes), Int32Array.from([7, 3, 11]));
    expect([...d.ids]).toEqual([7, 3, 11]);
    expect([...d.values]).toEqual(counts);
    expect(() => decodeValuesBody(body(bytes))).toThrow(/ids list v1/);
    expect(() => decodeValuesBody(body(bytes), Int32Array.from([7]))).toThrow(/ids list v1/);
  });

  it('keeps ratios exact (Float64) and reads a body that does not start its buffer', () => {
    const ratios = [0.1, 1 / 3, NaN, 0.7, 0.25, 0.5, 2 / 3, 0.9, 0.01];
    const bytes = encodeValues(grid(ratios), { demo: false, idsVersion: 'v2', includeIds: true });
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const d = decodeValuesBody(shifted.subarray(3));
    expect(d.header.dtype).toBe('f64');
    expect([...d.values]).toEqual(ratios);
  });

  it('rejects a body that is not a values body', () => {
    expect(() => decodeValuesBody(new TextEncoder().encode('{"ids":[]}'))).toThrow(/magic/);
  });

  it('gives the same displayed values as the JSON body', () => {
    const bytes = encodeValues(grid(counts), { demo: true, idsVersion: 'v1', includeIds: true });
    const bin = fromBinary(decodeValuesBody(body(bytes)));
    const json = toMatrix({
      indicator: 'cases_total',
      level: 'ward',
      at: '2025-12-31',
      demo: true,
      periods: ['2025-10', '2025-11', '2025-12'],
      ids: [7, 3, 11],
      values: [
        [1, 2, 3],
        [null, 5, 6],
        [0, null, 9],
      ],
      reexpressed: [[1, 1]],
    });
    const count = { kind: 'count', scale: null, time_rule: 'sum' } as const;
    expect(periodValues({ main: bin }, count, '2025-Q4')).toEqual(periodValues({ main: json }, count, '2025-Q4'));
    expect(periodValues({ main: bin }, count, '2025-Q4')).toEqual(
      new Map([
        [7, 6],
        [3, 11],
        [11, 9],
      ]),
    );
    expect(unitValue({ main: bin }, count, 3, '2025-10')).toBeNull();
    expect(isReexpressed({ main: bin }, 3, '2025-11')).toBe(true);
    expect(isReexpressed({ main: json }, 3, '2025-11')).toBe(true);
    expect(isReexpressed({ main: bin }, 3, '2025-12')).toBe(false);
  });
});
