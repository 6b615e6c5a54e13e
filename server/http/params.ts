import { isDate } from '../../geo/periods.ts';
import { badRequest } from '../errors.ts';

/** A date parameter that names a real calendar day (the pattern lets 2025-02-30 through). */
export function checkDate(value: string, field: string): string {
  if (!isDate(value)) {
    throw badRequest('params.invalid_date', `Ngày không hợp lệ / invalid date "${value}" in "${field}" (YYYY-MM-DD)`, {
      field,
      params: { value },
    });
  }
  return value;
}

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
  return badRequest('params.nul_byte', `Ký tự NUL không được phép / NUL character in "${field}"`, { field });
}
