import { Type } from 'typebox';
import { isDate } from '../../geo/periods.ts';
import { badRequest } from '../errors.ts';

/** Shared query-string pieces. Patterns catch the shape; `checkDate` catches 2025-02-30. */
export const DateParam = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const MonthParam = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
export const LevelParam = Type.Enum(['ward', 'group'], {
  description: 'ward = phường/xã, group = tổ dân phố/thôn',
});

export function checkDate(value: string, field: string): string {
  if (!isDate(value)) throw badRequest(`Ngày không hợp lệ / invalid date "${value}" in "${field}" (YYYY-MM-DD)`, field);
  return value;
}

export { ErrorResponse } from './errors.schemas.ts';

/**
 * Where a NUL character hides in a request's parameters or JSON body (`field.path`), or null.
 * PostgreSQL text cannot hold one, and no name, note or code needs one: the request is refused
 * with 400 before it reaches a service (instead of failing in the database with a 500).
 */
export function findNulByte(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'request' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNulByte(value[i], path ? `${path}.${i}` : String(i));
      if (hit) return hit;
    }
    return null;
  }
  const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  // Plain objects only (parsed JSON; parsed query strings, whose prototype has none): a streamed
  // upload is not walked.
  if (proto === Object.prototype || proto === null || (proto && Object.getPrototypeOf(proto) === null)) {
    for (const [k, v] of Object.entries(value as object)) {
      // A NUL in a key: the field is named without it.
      if (k.includes('\u0000')) return (path ? `${path}.` : '') + (k.split('\u0000').join('') || 'request');
      const hit = findNulByte(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}

export function nulByteError(field: string) {
  return badRequest(`Ký tự NUL không được phép / NUL character in "${field}"`, field, {
    code: 'params.nul_byte',
    params: { field },
  });
}
