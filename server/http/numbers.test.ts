import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { assertNumbersUseHelper, documentNumbers, Id, Int, Num, parseNumeric, type NumericSpec } from './numbers.ts';

const YEAR: NumericSpec = { integer: true, minimum: 2000, maximum: 2100 };
const SHARE: NumericSpec = { integer: false, minimum: 0, maximum: 1 };

describe('parseNumeric: numbers are numbers', () => {
  it.each([
    ['1e400', 'params.not_integer'],
    ['-1e400', 'params.not_integer'],
    ['NaN', 'params.not_integer'],
    ['Infinity', 'params.not_integer'],
    ['1.5', 'params.not_integer'],
    ['2017.0', 'params.not_integer'],
    ['0x10', 'params.not_integer'],
    ['+2017', 'params.not_integer'],
    [' 2017', 'params.not_integer'],
    ['02017', 'params.not_integer'],
    ['2e3', 'params.not_integer'],
    ['', 'params.not_integer'],
    ['9007199254740993', 'params.out_of_range'],
    ['9'.repeat(400), 'params.out_of_range'],
    ['1999', 'params.out_of_range'],
    ['2101', 'params.out_of_range'],
  ])('year %j → %s', (raw, problem) => {
    expect(parseNumeric(raw, YEAR)).toBe(problem);
  });

  it('takes plain decimals and JSON numbers within bounds', () => {
    expect(parseNumeric('2017', YEAR)).toBe(2017);
    expect(parseNumeric(2017, YEAR)).toBe(2017);
    expect(parseNumeric('0.25', SHARE)).toBe(0.25);
    expect(parseNumeric(1, SHARE)).toBe(1);
    expect(parseNumeric('-0', { integer: true, minimum: -5, maximum: 5 })).toBe(-0);
  });

  it('refuses JSON numbers that are not finite, not whole or not safe, and other JSON types', () => {
    expect(parseNumeric(Infinity, YEAR)).toBe('params.not_integer');
    expect(parseNumeric(-Infinity, SHARE)).toBe('params.not_number');
    expect(parseNumeric(2017.5, YEAR)).toBe('params.not_integer');
    expect(parseNumeric(2 ** 53, { integer: true, minimum: 0, maximum: 2 ** 60 })).toBe('params.out_of_range');
    for (const raw of [null, true, [2017], { y: 2017 }]) expect(parseNumeric(raw, YEAR)).toBe('params.not_integer');
    expect(parseNumeric('1e-3', SHARE)).toBe('params.not_number');
    expect(parseNumeric('.5', SHARE)).toBe('params.not_number');
  });
});

describe('the helpers and the start-up check', () => {
  it('refuses a request schema that declares integer or number itself', () => {
    expect(() => assertNumbersUseHelper(Type.Object({ year: Type.Integer() }), 'GET /x')).toThrow(
      /GET \/x\/properties\/year/,
    );
    expect(() => assertNumbersUseHelper(Type.Object({ v: Type.Array(Type.Number()) }), 'PUT /y')).toThrow(
      /Int\/Num\/Id/,
    );
    expect(() =>
      assertNumbersUseHelper(
        Type.Object({ year: Int({ minimum: 1, maximum: 2 }), id: Id(), v: Num({ minimum: 0, maximum: 1 }) }),
        'ok',
      ),
    ).not.toThrow();
  });

  it('needs finite bounds', () => {
    expect(() => Int({ minimum: 0, maximum: Infinity })).toThrow(/finite bounds/);
    expect(() => Int({ minimum: 5, maximum: 1 })).toThrow(/finite bounds/);
  });

  it('documents helper parameters as integer/number with their bounds for OpenAPI', () => {
    const doc = documentNumbers({ parameters: [{ name: 'year', schema: Int({ minimum: 2000, maximum: 2100 }) }] });
    expect(doc.parameters[0]!.schema).toMatchObject({ type: 'integer', minimum: 2000, maximum: 2100 });
  });
});
