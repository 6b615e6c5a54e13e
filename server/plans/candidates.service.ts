import { lastDayOfMonth } from '../../geo/periods.ts';
import type { Polarity, TimeRule } from '../../geo/catalogue.ts';
import {
  assignRanks,
  attentionLevels,
  parseWeights,
  scoreRows,
  windowRatio,
  windowValue,
  type Scored,
} from '../../geo/scoring.ts';
import { actorId, type RequestContext } from '../auth/context.ts';
import type { Scope } from '../auth/scope.ts';
import { badRequest } from '../errors.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import { checkPeriodOrder, type ValuesService } from '../values/values.service.ts';
import type { UnitNames } from '../units/unit-names.ts';
import type { GroupRow, PlansRepository } from './plans.repository.ts';
import type { CandidatesQuery, CandidatesResponse, ScoringMethod } from './plans.schemas.ts';

export const MAX_SCORING_INDICATORS = 12;

const METHOD_NOTES: Record<ScoringMethod, string> = {
  z:
    'Điểm chuẩn z: (giá trị − trung bình) / độ lệch chuẩn trên các tổ trong phạm vi; thiếu số liệu = 0 / ' +
    'z-score: (value − mean) / standard deviation across the groups in scope; missing = 0',
  rank:
    'Thứ hạng phần trăm 0..1 trên các tổ trong phạm vi; thiếu số liệu = 0,5 / ' +
    'percentile rank 0..1 across the groups in scope; missing = 0.5',
};

/**
 * Ranks residential groups for a plan: indicators reduced over the window through the values
 * service (the same matrices the map draws), then scored by geo/scoring.ts across every group in
 * the caller's scope. Filters only hide rows: a group's score does not depend on them.
 */
export class CandidatesService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly values: ValuesService,
    private readonly plans: Pick<PlansRepository, 'groupsAt' | 'activeMemberships'>,
    private readonly isDemo: () => Promise<boolean>,
    private readonly names: Pick<UnitNames, 'of'>,
  ) {}

  async candidates(ctx: RequestContext, q: CandidatesQuery): Promise<CandidatesResponse> {
    const { scope } = ctx;
    const method: ScoringMethod = q.method ?? 'z';
    checkPeriodOrder(q.from, q.to);
    let weights: { key: string; weight: number }[];
    try {
      weights = parseWeights(q.weights);
    } catch (err) {
      throw badRequest('plan.weights_invalid', `Trọng số không hợp lệ / invalid weights: ${(err as Error).message}`, {
        field: 'weights',
        params: { detail: (err as Error).message },
      });
    }
    if (weights.length > MAX_SCORING_INDICATORS) {
      throw badRequest(
        'plan.too_many_indicators',
        `Tối đa ${MAX_SCORING_INDICATORS} chỉ tiêu / at most ${MAX_SCORING_INDICATORS} indicators`,
        { field: 'weights', params: { max: MAX_SCORING_INDICATORS } },
      );
    }
    const defs = [];
    const catalogue = new Map((await this.indicators.list()).map((i) => [i.key, i]));
    for (const w of weights) {
      const def = catalogue.get(w.key);
      if (!def) {
        throw badRequest('indicator.unknown', `Chỉ tiêu không tồn tại / unknown indicator "${w.key}"`, {
          field: 'weights',
          params: { indicator: w.key, allowed: [...catalogue.keys()] },
        });
      }
      if (!def.levels.includes('group') || (def.kind !== 'count' && def.kind !== 'ratio')) {
        throw badRequest(
          'indicator.not_per_group',
          `Chỉ tiêu "${def.name_vi}" không có số liệu theo tổ dân phố/thôn / "${w.key}" is not recorded per group`,
          { field: 'weights', params: { indicator: w.key } },
        );
      }
      defs.push({ ...w, def });
    }

    const at = lastDayOfMonth(q.to);
    const groups = await this.plans.groupsAt(at, scope);
    const columns = await Promise.all(defs.map((d) => this.windowColumn(d.def, q.from, q.to, at, scope)));
    const scored = scoreRows(
      groups.map((g) => ({ item: g, values: columns.map((c) => c.get(g.id) ?? null) })),
      defs.map((d) => ({ key: d.key, weight: d.weight, polarity: d.def.polarity as Polarity })),
      method,
    );

    // Levels over every scored group (filters only hide rows), overall and per indicator.
    const levels = attentionLevels(scored.map((s) => s.score));
    const indicatorLevels = defs.map((_, k) => attentionLevels(scored.map((s) => s.breakdown[k]!.normalised)));
    const levelOf = new Map(scored.map((s, i) => [s.item.id, i]));

    const memberships = await this.plans.activeMemberships(q.plan ?? null, scope, actorId(ctx));
    const byUnit = new Map<number, { id: number; name: string; status: (typeof memberships)[number]['status'] }[]>();
    for (const m of memberships) {
      const list = byUnit.get(m.unit_id) ?? [];
      list.push({ id: m.plan_id, name: m.name, status: m.status });
      byUnit.set(m.unit_id, list);
    }
    const kept = scored
      .filter((s) => passes(s.item, q, byUnit.has(s.item.id)))
      .map((s): Scored<GroupRow> => ({ ...s }));
    assignRanks(kept);
    const limit = q.limit ?? 200;
    const shown = kept.slice(0, limit);
    const names = await this.names.of(
      shown.map((s) => s.item.id),
      at,
    );
    return {
      from: q.from,
      to: q.to,
      at,
      method,
      methodNote: METHOD_NOTES[method],
      demo: await this.isDemo(),
      scored: groups.length,
      total: kept.length,
      indicators: defs.map((d) => ({
        key: d.key,
        name_vi: d.def.name_vi,
        name_en: d.def.name_en,
        weight: d.weight,
        polarity: d.def.polarity,
        kind: d.def.kind as 'count' | 'ratio',
        scale: d.def.scale,
        unit_vi: d.def.unit_vi,
        unit_en: d.def.unit_en,
      })),
      candidates: shown.map((s) => ({
        unitId: s.item.id,
        code: s.item.code,
        name: s.item.name,
        displayName: names.get(s.item.id) ?? s.item.name,
        wardId: s.item.ward_id,
        wardName: s.item.ward_name,
        households: s.item.households,
        hotspot: s.item.categories ? { categories: s.item.categories, status: s.item.status ?? 'identified' } : null,
        score: s.score,
        level: levels[levelOf.get(s.item.id)!]!,
        rank: s.rank,
        breakdown: s.breakdown.map((b, k) => ({ ...b, level: indicatorLevels[k]![levelOf.get(s.item.id)!]! })),
        activePlans: byUnit.get(s.item.id) ?? [],
      })),
    };
  }

  /** One value per group over the window: sum or last month by the time rule, rates as a ratio of the parts. */
  private async windowColumn(
    def: { key: string; kind: string; time_rule: string; numerator_key: string | null; denominator_key: string | null },
    from: string,
    to: string,
    at: string,
    scope: Scope,
  ): Promise<Map<number, number | null>> {
    const rule = def.time_rule as TimeRule;
    const months = (key: string) => this.monthsByGroup(key, from, to, at, scope);
    const out = new Map<number, number | null>();
    if (def.kind === 'ratio' && def.numerator_key && def.denominator_key) {
      const [num, den] = await Promise.all([months(def.numerator_key), months(def.denominator_key)]);
      for (const [id, n] of num) out.set(id, windowRatio(n, den.get(id) ?? [], rule));
      return out;
    }
    for (const [id, m] of await months(def.key)) out.set(id, windowValue(m, rule));
    return out;
  }

  private async monthsByGroup(indicator: string, from: string, to: string, at: string, scope: Scope) {
    const g = await this.values.grid({ indicator, level: 'group', from, to, at, scope });
    const p = g.periods.length;
    const out = new Map<number, (number | null)[]>();
    for (let i = 0; i < g.ids.length; i++) {
      out.set(
        g.ids[i]!,
        Array.from(g.values.subarray(i * p, (i + 1) * p), (v) => (v === v ? v : null)),
      );
    }
    return out;
  }
}

function passes(g: GroupRow, q: CandidatesQuery, inActivePlan: boolean): boolean {
  if (q.ward !== undefined && g.ward_id !== q.ward) return false;
  if (q.category !== undefined && !(g.categories ?? []).includes(q.category)) return false;
  if (q.status !== undefined) {
    const status = g.categories ? (g.status ?? 'identified') : 'none';
    if (status !== q.status) return false;
  }
  if (q.excludeActive && inActivePlan) return false;
  if (q.excludeTransformed && g.categories && g.status === 'transformed') return false;
  return true;
}
