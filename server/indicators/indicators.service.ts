import { badRequest } from '../errors.ts';
import type { IndicatorRow, IndicatorsRepository } from './indicators.repository.ts';

/** The catalogue, cached in memory: it is written only at start-up (bootstrap.ts prepareSchema). */
export class IndicatorsService {
  #cache: Promise<Map<string, IndicatorRow>> | null = null;

  /** Only the read it needs, so a service test can hand it a fake catalogue. */
  constructor(private readonly repo: Pick<IndicatorsRepository, 'list'>) {}

  async list(): Promise<IndicatorRow[]> {
    return [...(await this.#byKey()).values()];
  }

  async get(key: string): Promise<IndicatorRow> {
    const byKey = await this.#byKey();
    const found = byKey.get(key);
    if (!found) {
      throw badRequest(
        'indicator.unknown',
        `Chỉ tiêu không tồn tại / unknown indicator "${key}". Allowed: ${[...byKey.keys()].join(', ')}`,
        { field: 'indicator', params: { indicator: key, allowed: [...byKey.keys()] } },
      );
    }
    return found;
  }

  #byKey(): Promise<Map<string, IndicatorRow>> {
    this.#cache ??= this.repo.list().then((rows) => new Map(rows.map((r) => [r.key, r])));
    this.#cache.catch(() => (this.#cache = null));
    return this.#cache;
  }
}
