import { describe, expect, it } from 'vitest';
import { CRS84, EPSG4326, findCrs } from '../../geo/crs.ts';
import { AppError } from '../errors.ts';
import { parseBbox, parseCrs, parseCursor, parseDateTime, parseKey, parseList } from './ogc.params.ts';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'no error';
};

describe('datetime', () => {
  it('defaults to today and takes dates as they are', () => {
    expect(parseDateTime(undefined, '2026-03-01')).toEqual({ start: '2026-03-01', end: '2026-03-01', instant: true });
    expect(parseDateTime('2017-12-31', 'x')).toEqual({ start: '2017-12-31', end: '2017-12-31', instant: true });
  });
  it('counts a date-time on the day it falls in Vietnam (UTC+7)', () => {
    expect(parseDateTime('2025-06-30T17:30:00Z', 'x').end).toBe('2025-07-01');
    expect(parseDateTime('2025-06-30T16:59:59Z', 'x').end).toBe('2025-06-30');
    expect(parseDateTime('2025-07-01T00:30:00+07:00', 'x').end).toBe('2025-07-01');
  });
  it('reads intervals with open ends', () => {
    expect(parseDateTime('2017-01-01/2025-12-31', 'x')).toEqual({
      start: '2017-01-01',
      end: '2025-12-31',
      instant: false,
    });
    expect(parseDateTime('../2017-12-31', 'x')).toEqual({ start: null, end: '2017-12-31', instant: false });
    expect(parseDateTime('2025-07-01/..', 'x')).toEqual({ start: '2025-07-01', end: '9999-12-31', instant: false });
    expect(parseDateTime('../..', 'x').start).toBeNull();
  });
  it('refuses what is not a date, an impossible date and a reversed interval', () => {
    for (const bad of [
      '2017-02-30',
      '2017-13-01',
      '20171231',
      'now',
      '2017-12-31T25:00:00Z',
      'a/b/c',
      '2018-01-01/2017-01-01',
    ])
      expect(codeOf(() => parseDateTime(bad, 'x'))).toBe('params.invalid_datetime');
  });
});

describe('bbox and CRS', () => {
  it('reads longitude first for CRS84 and latitude first for EPSG:4326', () => {
    expect(parseBbox('105.9,20.2,106.0,20.3', CRS84)).toEqual([105.9, 20.2, 106.0, 20.3]);
    expect(parseBbox('20.2,105.9,20.3,106.0', EPSG4326)).toEqual([105.9, 20.2, 106.0, 20.3]);
    expect(parseBbox('105.9,20.2,0,106.0,20.3,100', CRS84)).toEqual([105.9, 20.2, 106.0, 20.3]);
    expect(parseBbox('590000,2230000,610000,2250000', findCrs('EPSG:3405')!)).toEqual([
      590000, 2230000, 610000, 2250000,
    ]);
  });
  it('takes its numbers through the shared numeric check', () => {
    expect(codeOf(() => parseBbox('1e400,20,106,21', CRS84))).toBe('params.not_number');
    expect(codeOf(() => parseBbox('0x10,20,106,21', CRS84))).toBe('params.not_number');
    expect(codeOf(() => parseBbox('NaN,20,106,21', CRS84))).toBe('params.not_number');
    expect(codeOf(() => parseBbox(' 105,20,106,21', CRS84))).toBe('params.not_number');
    expect(codeOf(() => parseBbox('105,20,106', CRS84))).toBe('params.invalid_bbox');
    expect(codeOf(() => parseBbox('106,20,105,21', CRS84))).toBe('params.invalid_bbox');
    expect(codeOf(() => parseBbox('105,95,106,96', CRS84))).toBe('params.out_of_range');
    expect(codeOf(() => parseBbox('105,20,106,400', CRS84))).toBe('params.out_of_range');
  });
  it('serves only the listed systems', () => {
    expect(parseCrs(undefined, 'crs')).toBe(CRS84);
    expect(parseCrs('http://www.opengis.net/def/crs/EPSG/0/9210', 'crs').tm?.lon0).toBe(105.75);
    expect(codeOf(() => parseCrs('http://www.opengis.net/def/crs/EPSG/0/3857', 'crs'))).toBe('params.unsupported_crs');
  });
});

describe('feature keys and lists', () => {
  it('reads ids and plan.unit keys as plain integers within the id range', () => {
    expect(parseKey('42', false)).toEqual([42]);
    expect(parseKey('3.1204', true)).toEqual([3, 1204]);
    for (const bad of ['0', '-1', '1e3', '2147483648', '042', '4.2', ' 4', ''])
      expect(parseKey(bad, false)).toBeUndefined();
    expect(parseKey('3', true)).toBeUndefined();
    expect(codeOf(() => parseCursor('x', false, 'after'))).toBe('params.invalid_cursor');
  });
  it('splits, trims and deduplicates lists, bounded', () => {
    expect(parseList('drug_cases, gambling_cases,drug_cases', 'indicator', 5)).toEqual([
      'drug_cases',
      'gambling_cases',
    ]);
    expect(parseList(['a', 'b,c'], 'indicator', 5)).toEqual(['a', 'b', 'c']);
    expect(codeOf(() => parseList('a,b,c', 'indicator', 2))).toBe('params.too_many_values');
  });
});
