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
