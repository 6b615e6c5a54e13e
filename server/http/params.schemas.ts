import { Type } from 'typebox';
import { MAP_LEVELS } from '../../geo/levels.ts';
import { Id } from './numbers.ts';

/**
 * Request pieces shared by every feature's schemas. Patterns catch the shape; `checkDate`
 * (params.ts) catches days that do not exist (2025-02-30). Numbers use Int/Num/Id (numbers.ts).
 */
export const DateParam = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const MonthParam = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
export const LevelParam = Type.Enum([...MAP_LEVELS], {
  description: 'ward = phường/xã, group = tổ dân phố/thôn',
});

/** `/…/:id` of every route that names a row by id. */
export const IdParams = Type.Object({ id: Id() }, { additionalProperties: false });

/** Optional text, at most `maxLength` characters. */
export const Text = (maxLength: number) => Type.String({ maxLength });
