import { catalogueProblems, type IndicatorInput } from '../../geo/catalogue-rules.ts';
import { foldVietnamese } from '../../geo/text.ts';
import { assertWholeArea, type RequestContext } from '../auth/context.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import { AppError, badRequest, conflict } from '../errors.ts';
import type { IndicatorPatch, IndicatorRow, IndicatorsRepository } from './indicators.repository.ts';
import type { CreateIndicatorBody, UpdateIndicatorBody } from './indicators.schemas.ts';

export interface IndicatorsStore {
  indicators: Pick<IndicatorsRepository, 'list' | 'insert' | 'update' | 'setRetired' | 'delete' | 'usage'>;
}

/** Fields whose meaning the stored values depend on: fixed once an indicator has values. */
const FIXED_WITH_DATA = ['kind', 'entry_level'] as const;

/**
 * The indicator catalogue: the database's, which administrators of the whole area edit (the seed of
 * geo/catalogue.ts is written once, at the first start). Reads are cached in memory until a domain
 * event says the catalogue (`indicatorsChanged`) or the values behind its periods and `has_data`
 * (`valuesChanged`) changed — services.ts wires both to `forget`, in this process and, through the
 * event transport, in the others.
 *
 * Writes are checked by the rules of geo/catalogue-rules.ts and those that need the database
 * (unique key and name, values already stored), audited with before and after, and announced.
 * An indicator with values cannot be deleted, only retired: it leaves the pickers and takes no new
 * values, while everything already stored stays readable.
 */
export class IndicatorsService {
  #cache: Promise<Map<string, IndicatorRow>> | null = null;

  constructor(private readonly uow: UnitOfWork<IndicatorsStore>) {}

  async list(): Promise<IndicatorRow[]> {
    return [...(await this.#byKey()).values()];
  }

  /** An indicator by key, retired or not (its old values stay readable). */
  async get(key: string): Promise<IndicatorRow> {
    const byKey = await this.#byKey();
    const found = byKey.get(key);
    if (!found) {
      const allowed = [...byKey.keys()];
      throw badRequest(
        'indicator.unknown',
        `Chỉ tiêu không tồn tại / unknown indicator "${key}". Allowed: ${allowed.join(', ')}`,
        { field: 'indicator', params: { indicator: key, allowed } },
      );
    }
    return found;
  }

  /** An indicator new values may be written for: known and not retired (imports, single edits). */
  async writable(key: string, field = 'indicator'): Promise<IndicatorRow> {
    const found = await this.get(key);
    if (found.retired_at) throw retired(found, field);
    return found;
  }

  /** The catalogue changed (here or in another process), or values did: read it again next time. */
  forget(): void {
    this.#cache = null;
  }

  async create(ctx: RequestContext, body: CreateIndicatorBody): Promise<IndicatorRow> {
    assertWholeArea(ctx);
    const input = clean({
      description_vi: '',
      description_en: '',
      numerator_key: null,
      denominator_key: null,
      scale: null,
      ...body,
    });
    await this.uow.write(ctx, async (tx) => {
      const all = await tx.repos.indicators.list();
      if (all.some((i) => i.key === input.key)) {
        throw conflict('indicator.key_taken', `Mã chỉ tiêu "${input.key}" đã có / key already exists`, {
          field: 'key',
          params: { indicator: input.key },
        });
      }
      check(input, all);
      await tx.repos.indicators.insert(input);
      await tx.audit({ action: 'indicator.create', entity_type: 'indicator', entity_id: input.key, after: input });
      tx.emit({ type: 'indicatorsChanged', keys: [input.key] });
    });
    return this.#fresh(input.key);
  }

  async update(ctx: RequestContext, key: string, body: UpdateIndicatorBody): Promise<IndicatorRow> {
    assertWholeArea(ctx);
    await this.uow.write(ctx, async (tx) => {
      const all = await tx.repos.indicators.list();
      const row = all.find((i) => i.key === key);
      if (!row) throw notFound(key);
      const before = definition(row);
      const after = clean({ ...before, ...body });
      const patch: IndicatorPatch = {};
      for (const f of Object.keys(after) as (keyof IndicatorInput)[]) {
        if (f !== 'key' && JSON.stringify(after[f]) !== JSON.stringify(before[f]))
          Object.assign(patch, { [f]: after[f] });
      }
      if (!Object.keys(patch).length) {
        throw badRequest('params.nothing_to_change', 'Không có thay đổi / nothing to change', {
          params: { fields: Object.keys(body) },
        });
      }
      if (row.has_data) {
        const fixed = FIXED_WITH_DATA.find((f) => f in patch);
        if (fixed) {
          throw conflict(
            'indicator.has_data',
            `Chỉ tiêu "${key}" đã có số liệu: không đổi được "${fixed}" / "${key}" has values: "${fixed}" cannot change`,
            { field: fixed, params: { indicator: key, values: (await tx.repos.indicators.usage(key)).values } },
          );
        }
      }
      check(after, all);
      // A count that rates are built on must stay a count a rate can use: those rates are checked again.
      if ('levels' in patch) {
        for (const r of all.filter((i) => i.numerator_key === key || i.denominator_key === key)) {
          const missing = r.levels.filter((l) => !after.levels.includes(l));
          if (missing.length) {
            throw conflict(
              'indicator.in_use',
              `Tỷ lệ "${r.key}" cần "${key}" ở cấp ${missing.join(', ')} / rate "${r.key}" needs "${key}" at ${missing.join(', ')}`,
              { field: 'levels', params: { indicator: key, ratios: [r.key], views: 0, values: 0 } },
            );
          }
        }
      }
      await tx.repos.indicators.update(key, patch);
      await tx.audit({
        action: 'indicator.update',
        entity_type: 'indicator',
        entity_id: key,
        before: pick(before, patch),
        after: patch,
      });
      tx.emit({ type: 'indicatorsChanged', keys: [key] });
    });
    return this.#fresh(key);
  }

  /** Retires (`true`) or restores (`false`) an indicator. */
  async setRetired(ctx: RequestContext, key: string, retire: boolean): Promise<IndicatorRow> {
    assertWholeArea(ctx);
    await this.uow.write(ctx, async (tx) => {
      const all = await tx.repos.indicators.list();
      const row = all.find((i) => i.key === key);
      if (!row) throw notFound(key);
      if (Boolean(row.retired_at) === retire) return;
      if (retire) {
        // A rate in use built on it would silently stop getting new values: retire the rate first.
        const ratios = all.filter((r) => !r.retired_at && (r.numerator_key === key || r.denominator_key === key));
        if (ratios.length) {
          throw conflict(
            'indicator.in_use',
            `"${key}" là thành phần của tỷ lệ đang dùng ${ratios.map((r) => r.key).join(', ')} / "${key}" is part of rates in use`,
            { field: 'key', params: { indicator: key, ratios: ratios.map((r) => r.key), views: 0, values: 0 } },
          );
        }
      } else if (row.kind === 'ratio') {
        check(definition(row), all);
      }
      await tx.repos.indicators.setRetired(key, retire);
      await tx.audit({
        action: retire ? 'indicator.retire' : 'indicator.restore',
        entity_type: 'indicator',
        entity_id: key,
        before: { retired: !retire },
        after: { retired: retire },
      });
      tx.emit({ type: 'indicatorsChanged', keys: [key] });
    });
    return this.#fresh(key);
  }

  /** Deletes an indicator nothing refers to; one with values is retired instead (409 says so). */
  async delete(ctx: RequestContext, key: string): Promise<void> {
    assertWholeArea(ctx);
    await this.uow.write(ctx, async (tx) => {
      const row = (await tx.repos.indicators.list()).find((i) => i.key === key);
      if (!row) throw notFound(key);
      const usage = await tx.repos.indicators.usage(key);
      if (usage.values > 0) {
        throw conflict(
          'indicator.has_data',
          `Chỉ tiêu "${key}" có ${usage.values} giá trị: chỉ có thể ngừng sử dụng, không xóa / "${key}" has ${usage.values} values: retire it instead`,
          { field: 'key', params: { indicator: key, values: usage.values } },
        );
      }
      if (usage.ratios.length || usage.views) {
        throw conflict(
          'indicator.in_use',
          `"${key}" đang được dùng (tỷ lệ: ${usage.ratios.join(', ') || '—'}; bản đồ đã lưu: ${usage.views}) / "${key}" is in use`,
          { field: 'key', params: { indicator: key, ratios: usage.ratios, views: usage.views, values: 0 } },
        );
      }
      await tx.repos.indicators.delete(key);
      await tx.audit({ action: 'indicator.delete', entity_type: 'indicator', entity_id: key, before: definition(row) });
      tx.emit({ type: 'indicatorsChanged', keys: [key] });
    });
  }

  /**
   * A row as just written, read past the cache: the cache is forgotten by the `indicatorsChanged`
   * event (services.ts), the one way caches learn of writes.
   */
  async #fresh(key: string): Promise<IndicatorRow> {
    const row = (await this.uow.read.indicators.list()).find((i) => i.key === key);
    if (!row) throw notFound(key);
    return row;
  }

  #byKey(): Promise<Map<string, IndicatorRow>> {
    if (!this.#cache) {
      const loading = this.uow.read.indicators.list().then((rows) => new Map(rows.map((r) => [r.key, r])));
      this.#cache = loading;
      loading.catch(() => {
        if (this.#cache === loading) this.#cache = null;
      });
    }
    return this.#cache;
  }
}

/** The stored definition of a row (what an administrator edits), without the figures about values. */
function definition(r: IndicatorRow): IndicatorInput {
  return {
    key: r.key,
    name_vi: r.name_vi,
    name_en: r.name_en,
    unit_vi: r.unit_vi,
    unit_en: r.unit_en,
    kind: r.kind,
    time_rule: r.time_rule,
    spatial_rule: r.spatial_rule,
    polarity: r.polarity,
    levels: r.levels,
    entry_level: r.entry_level,
    theme: r.theme,
    description_vi: r.description_vi,
    description_en: r.description_en,
    source: r.source,
    numerator_key: r.numerator_key,
    denominator_key: r.denominator_key,
    scale: r.scale,
  };
}

/** Texts trimmed and NFC (names are matched against sheet headers); levels in catalogue order. */
function clean(d: IndicatorInput): IndicatorInput {
  const t = (s: string) => s.normalize('NFC').trim();
  const order = ['group', 'ward', 'city'];
  return {
    ...d,
    name_vi: t(d.name_vi),
    name_en: t(d.name_en),
    unit_vi: t(d.unit_vi),
    unit_en: t(d.unit_en),
    description_vi: t(d.description_vi),
    description_en: t(d.description_en),
    source: t(d.source),
    levels: [...d.levels].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
  };
}

/** The rules of geo/catalogue-rules.ts, and a Vietnamese name no other indicator has (sheet headers are matched by it). */
function check(d: IndicatorInput, all: readonly IndicatorRow[]): void {
  const others = all.filter((i) => i.key !== d.key);
  const problems = catalogueProblems(d, others);
  const first = problems[0];
  if (first) {
    throw badRequest(first.code, first.message, { field: first.field, params: first.params, details: problems });
  }
  const folded = foldVietnamese(d.name_vi);
  const twin = others.find((i) => foldVietnamese(i.name_vi) === folded);
  if (twin) {
    throw conflict(
      'indicator.name_taken',
      `Tên "${d.name_vi}" trùng với chỉ tiêu "${twin.key}" / the name is already used by "${twin.key}"`,
      { field: 'name_vi', params: { indicator: twin.key, name: d.name_vi } },
    );
  }
}

function pick(from: IndicatorInput, keys: object): Partial<IndicatorInput> {
  return Object.fromEntries(Object.keys(keys).map((k) => [k, from[k as keyof IndicatorInput]]));
}

function notFound(key: string): AppError {
  return new AppError(404, 'indicator.not_found', `Không có chỉ tiêu "${key}" / no indicator "${key}"`, {
    field: 'key',
    params: { indicator: key },
  });
}

export function retired(i: IndicatorRow, field = 'indicator'): AppError {
  return badRequest(
    'indicator.retired',
    `Chỉ tiêu "${i.key}" đã ngừng sử dụng từ ${i.retired_at?.slice(0, 10)}: không nhận số liệu mới / "${i.key}" is retired: no new values`,
    { field, params: { indicator: i.key, retired_at: i.retired_at } },
  );
}
