/**
 * The OGC API query parameters that arrive as text and hold more than one value — `datetime`,
 * `bbox`, `crs`/`bbox-crs`, the paging cursors and feature ids — parsed here, pure, so that every
 * number in them goes through the same check as every other numeric parameter
 * (`parseNumeric` of server/http/numbers.ts: no `1e400`, `0x10`, NaN or blanks).
 */
import { CRS84, CRS_LIST, findCrs, type CrsDef } from '../../geo/crs.ts';
import { isDate } from '../../geo/periods.ts';
import { badRequest } from '../errors.ts';
import { MAX_ID, parseNumeric, type NumericProblem } from '../http/numbers.ts';
import type { FeatureKey, TimeFilter } from './ogc.repository.ts';

export interface DateTimeFilter extends TimeFilter {
  instant: boolean;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;

/** A date or RFC 3339 date-time as the calendar date in Vietnam (UTC+7), where validity is counted. */
function instantDate(text: string, field: string): string {
  const m = DATE_TIME.exec(text);
  if (!m || !isDate(m[1]!)) {
    throw badRequest(
      'params.invalid_datetime',
      `"${field}" không hợp lệ: "${clip(text)}" (YYYY-MM-DD, thời điểm RFC 3339 hoặc khoảng a/b) / invalid ${field}: ` +
        'a date, an RFC 3339 date-time or an interval start/end (".." for open)',
      { field: field, params: { field } },
    );
  }
  if (!m[2]) return m[1]!;
  const t = Date.parse(text.replace(' ', 'T'));
  if (!Number.isFinite(t))
    throw badRequest('params.invalid_datetime', `"${field}" không hợp lệ / invalid ${field}`, {
      field: field,
      params: { field },
    });
  return new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * `datetime` of OGC API – Features: an instant, or an interval `start/end` with `..` (or nothing)
 * for an open end. Units are versioned by date, so times are taken as the day they fall on in Vietnam.
 */
export function parseDateTime(text: string | undefined, today: string, field = 'datetime'): DateTimeFilter {
  if (text === undefined) return { start: today, end: today, instant: true };
  const parts = text.split('/');
  if (parts.length === 1) {
    const d = instantDate(text, field);
    return { start: d, end: d, instant: true };
  }
  if (parts.length !== 2) instantDate(text, field);
  const [a, b] = parts as [string, string];
  const open = (s: string) => s === '' || s === '..';
  if (open(a) && open(b)) return { start: null, end: '9999-12-31', instant: false };
  const start = open(a) ? null : instantDate(a, field);
  const end = open(b) ? '9999-12-31' : instantDate(b, field);
  if (start !== null && start > end) {
    throw badRequest(
      'params.invalid_datetime',
      `"${field}": đầu khoảng sau cuối khoảng / interval start after its end`,
      { field: field, params: { field } },
    );
  }
  return { start, end, instant: false };
}

/** A CRS parameter (`crs`, `bbox-crs`): one of those served, else 400 naming them. */
export function parseCrs(text: string | undefined, field: string): CrsDef {
  if (text === undefined) return CRS84;
  const found = findCrs(text);
  if (!found) {
    throw badRequest(
      'params.unsupported_crs',
      `Hệ tọa độ không hỗ trợ / unsupported ${field} "${clip(text)}"; supported: ${CRS_LIST.map((c) => c.uri).join(', ')}`,
      { field: field, params: { field, supported: CRS_LIST.map((c) => c.uri) } },
    );
  }
  return found;
}

/**
 * `bbox`: 4 numbers (or 6 with heights, which are ignored) in the axis order of `bbox-crs` —
 * latitude first for EPSG:4326 — returned as [minx, miny, maxx, maxy] with longitude (or easting) first.
 */
export function parseBbox(text: string, crs: CrsDef, field = 'bbox'): [number, number, number, number] {
  const bad = (
    why: string,
    code: 'params.invalid_bbox' | 'params.out_of_range' | NumericProblem = 'params.invalid_bbox',
  ) => badRequest(code, `"${field}" không hợp lệ / invalid ${field}: ${why}`, { field: field, params: { field } });
  const parts = text.split(',');
  if (parts.length !== 4 && parts.length !== 6) throw bad('4 numbers (minx,miny,maxx,maxy) or 6 with heights expected');
  const limit = crs.projected ? 1e8 : 360;
  const nums = parts.map((p, i) => {
    const n = parseNumeric(p, { integer: false, minimum: -limit, maximum: limit });
    if (typeof n !== 'number') throw bad(`value ${i + 1} is not a plain decimal number within ±${limit}`, n);
    return n;
  });
  const [a, b, c, d] =
    parts.length === 6 ? [nums[0]!, nums[1]!, nums[3]!, nums[4]!] : (nums as [number, number, number, number]);
  const [x1, y1, x2, y2] = crs.latFirst ? [b, a, d, c] : [a, b, c, d];
  if (!crs.projected && (Math.abs(y1) > 90 || Math.abs(y2) > 90 || Math.abs(x1) > 180 || Math.abs(x2) > 180)) {
    throw bad(
      'longitude within ±180 and latitude within ±90 expected (EPSG:4326 puts latitude first)',
      'params.out_of_range',
    );
  }
  if (x1 > x2 || y1 > y2) throw bad('the lower corner must come before the upper one (no box across the antimeridian)');
  return [x1, y1, x2, y2];
}

/** A feature id or paging cursor: `id`, or `plan.unit` for plan items; undefined when it is not one. */
export function parseKey(text: string, twoPart: boolean): FeatureKey | undefined {
  const parts = text.split('.');
  if (parts.length !== (twoPart ? 2 : 1)) return undefined;
  const spec = { integer: true, minimum: 1, maximum: MAX_ID };
  const nums = parts.map((p) => parseNumeric(p, spec));
  if (nums.some((n) => typeof n !== 'number')) return undefined;
  return nums as number[] as unknown as FeatureKey;
}

/** A cursor the server wrote; anything else is a clear 400 (not a silent first page). */
export function parseCursor(text: string, twoPart: boolean, field: 'after' | 'before'): FeatureKey {
  const key = parseKey(text, twoPart);
  if (!key) {
    throw badRequest(
      'params.invalid_cursor',
      `"${field}" không hợp lệ / invalid paging cursor "${clip(text)}": follow the next/prev links`,
      { field: field, params: { field } },
    );
  }
  return key;
}

export const keyText = (k: FeatureKey): string => k.join('.');

/** `indicator=a,b` (or repeated): distinct keys in order; at most `max`. */
export function parseList(value: string | string[] | undefined, field: string, max: number): string[] {
  if (value === undefined) return [];
  const all = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim());
  const list = [...new Set(all.filter((v) => v !== ''))];
  if (list.length > max) {
    throw badRequest(
      'params.too_many_values',
      `Tối đa ${max} giá trị trong "${field}" / at most ${max} values in ${field}`,
      { field: field, params: { field, max } },
    );
  }
  return list;
}
