import { foldVietnamese } from '../../geo/text.ts';
import type { RequestContext } from '../auth/context.ts';
import type { SearchRepository } from './search.repository.ts';
import type { SearchResult } from './search.schemas.ts';
import type { UnitNames } from '../units/unit-names.ts';

/** Finding wards and groups by name or code, typed with or without diacritics ("bich dao" finds "Bích Đào"). */
export class SearchService {
  constructor(
    private readonly repo: Pick<SearchRepository, 'units'>,
    private readonly names: Pick<UnitNames, 'of'>,
  ) {}

  /** Units valid on `at` in the caller's scope whose folded name or code holds every word of `q` (up to 8). */
  async units(ctx: RequestContext, q: string, at: string, limit: number): Promise<SearchResult[]> {
    const terms = foldVietnamese(q).split(' ').filter(Boolean).slice(0, 8);
    const hits = await this.repo.units(terms, at, ctx.scope, limit);
    const names = await this.names.of(
      hits.map((h) => h.id),
      at,
    );
    return hits.map((h) => ({ ...h, display_name: names.get(h.id) ?? h.name }));
  }
}
