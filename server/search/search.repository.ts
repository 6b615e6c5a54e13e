import { sql, type Kysely } from 'kysely';
import { GROUP_KINDS, WARD_KINDS } from '../../geo/units.ts';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';
import type { SearchResult } from './search.schemas.ts';

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class SearchRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Wards and groups valid on `at` whose folded name or code contains every folded term; names that
   * start with the query first, then wards before groups.
   */
  async units(terms: string[], at: string, scope: Scope, limit: number): Promise<Omit<SearchResult, 'display_name'>[]> {
    if (!terms.length) return [];
    const phrase = terms.join(' ');
    const { rows } = await sql<Omit<SearchResult, 'display_name'>>`
      select u.id, u.code, u.name, u.short_name, u.kind,
             case when u.kind = any(${[...WARD_KINDS]}::text[]) then 'ward' else 'group' end as level,
             p.name as parent_name, u.valid_from, u.valid_to
      from admin_unit u
      left join unit_parent l on l.child_id = u.id and l.valid_from <= ${at}::date
                             and (l.valid_to is null or l.valid_to > ${at}::date)
      left join admin_unit p on p.id = l.parent_id
      where u.kind = any(${[...WARD_KINDS, ...GROUP_KINDS]}::text[])
        and u.valid_from <= ${at}::date and (u.valid_to is null or u.valid_to > ${at}::date)
        and ${sql.join(
          terms.map((t) => sql`u.search_text like ${`%${likeEscape(t)}%`} escape '\\'`),
          sql` and `,
        )}
        and ${inScope(scope, 'u.id')}
      order by
        (u.search_text like ${`%${likeEscape(phrase)}%`} escape '\\') desc,
        (u.kind = any(${[...WARD_KINDS]}::text[])) desc,
        length(u.name), u.code
      limit ${limit}
    `.execute(this.db);
    return rows;
  }
}
