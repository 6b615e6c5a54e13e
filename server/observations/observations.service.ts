import { kindsOfLevel } from '../../geo/levels.ts';
import { todayInVietnam } from '../../geo/periods.ts';
import { actorId, type RequestContext } from '../auth/context.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import { badRequest, notFoundInScope, type AppError } from '../errors.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import { FIRST_MONTH, periodInRange, valueProblem, type ValueProblem } from './observation.rules.ts';
import type { ObservationsRepository } from './observations.repository.ts';
import type { SetObservationBody, SetObservationResult } from './observations.schemas.ts';

export interface ObservationsStore {
  observations: Pick<ObservationsRepository, 'get' | 'set'>;
  units: Pick<UnitsRepository, 'byIds'>;
}

/** The audit id of one observation: indicator, unit id and month, as imports write it too. */
export const observationEntityId = (indicator: string, unitId: number, period: string) =>
  `${indicator}:${unitId}:${period}`;

/** The refusal of a value that does not fit its indicator's kind. */
export function valueError(problem: ValueProblem, value: number): AppError {
  const field = 'value';
  if (problem === 'count') {
    return badRequest(
      'observation.not_count',
      `Số đếm phải là số nguyên ≥ 0 / a count must be a whole number ≥ 0 (got ${value})`,
      { field, params: { value } },
    );
  }
  if (problem === 'percent') {
    return badRequest('observation.not_percent', 'Tỷ lệ phần trăm phải trong 0–100 / a percent must be within 0–100', {
      field,
      params: { value },
    });
  }
  if (problem === 'boolean') {
    return badRequest('observation.not_boolean', 'Giá trị có/không phải là 0 hoặc 1 / a yes/no value must be 0 or 1', {
      field,
      params: { value },
    });
  }
  return badRequest('params.not_number', 'Giá trị không hợp lệ / value must be a finite number', { field });
}

/**
 * Single values set by editors: one indicator, unit and month. The value must fit its indicator
 * (kind, entry level, the unit existing that month, a ratio's parts staying consistent); the write
 * is scoped, audited and announced as `valuesChanged`.
 */
export class ObservationsService {
  constructor(
    private readonly uow: UnitOfWork<ObservationsStore>,
    private readonly indicators: IndicatorsService,
  ) {}

  async set(ctx: RequestContext, body: SetObservationBody): Promise<SetObservationResult> {
    // A retired indicator keeps its history but takes no new values (restore it first).
    const ind = await this.indicators.writable(body.indicator);
    if (ind.kind === 'ratio') {
      throw badRequest(
        'observation.ratio_computed',
        `"${ind.key}" là tỷ lệ tính từ "${ind.numerator_key}" và "${ind.denominator_key}" / ratios are computed: set their parts`,
        {
          field: 'indicator',
          params: { indicator: ind.key, numerator: ind.numerator_key, denominator: ind.denominator_key },
        },
      );
    }
    const last = todayInVietnam().slice(0, 7);
    if (!periodInRange(body.period, last)) {
      throw badRequest(
        'observation.period_out_of_range',
        `Kỳ ngoài khoảng cho phép / period out of range (${FIRST_MONTH} … ${last})`,
        { field: 'period', params: { first: FIRST_MONTH, last } },
      );
    }
    const v = body.value;
    const problem = valueProblem(ind.kind, v);
    if (problem) throw valueError(problem, v);
    // The catalogue is read before the transaction: on the embedded database a read outside it
    // would wait for the transaction's connection.
    const ratios = (await this.indicators.list()).filter((r) => r.kind === 'ratio');

    return this.uow.write(ctx, async (tx) => {
      const { observations, units } = tx.repos;
      const [unit] = await units.byIds([body.unit_id], ctx.scope);
      // Absent or outside the scope: one answer, naming only the id that was sent.
      if (!unit?.in_scope) throw notFoundInScope('unit', body.unit_id, 'unit_id');
      const d = `${body.period}-01`;
      if (unit.valid_from > d || (unit.valid_to !== null && unit.valid_to <= d)) {
        throw badRequest(
          'unit.not_valid_on',
          `Đơn vị ${unit.code} không tồn tại vào kỳ ${body.period} / unit not valid in that month`,
          { field: 'period', params: { code: unit.code, date: body.period } },
        );
      }
      if (!(kindsOfLevel(ind.entry_level) as readonly string[]).includes(unit.kind)) {
        throw badRequest(
          'observation.wrong_level',
          `Chỉ tiêu "${ind.key}" nhập ở cấp ${ind.entry_level}, không ở ${unit.kind} / entry level mismatch`,
          { field: 'unit_id', params: { indicator: ind.key, entry_level: ind.entry_level, kind: unit.kind } },
        );
      }
      // Ratios this value is part of: the numerator cannot exceed the denominator of the same month.
      for (const r of ratios) {
        if (!r.numerator_key || !r.denominator_key) continue;
        if (r.numerator_key === ind.key) {
          const den = await observations.get(r.denominator_key, unit.id, body.period);
          if (den && v > den.value) {
            throw badRequest(
              'observation.numerator_exceeds',
              `Lớn hơn "${r.denominator_key}" (${den.value}) / numerator exceeds denominator of ${r.key}`,
              {
                field: 'value',
                params: { ratio: r.key, denominator: r.denominator_key, denominator_value: den.value },
              },
            );
          }
        }
        if (r.denominator_key === ind.key) {
          const num = await observations.get(r.numerator_key, unit.id, body.period);
          if (num && v < num.value) {
            throw badRequest(
              'observation.denominator_below',
              `Nhỏ hơn "${r.numerator_key}" (${num.value}) / denominator below numerator of ${r.key}`,
              { field: 'value', params: { ratio: r.key, numerator: r.numerator_key, numerator_value: num.value } },
            );
          }
        }
      }
      const existing = await observations.get(ind.key, unit.id, body.period);
      const before = existing ? Number(existing.value) : null;
      const result = {
        indicator: ind.key,
        unit_id: unit.id,
        period: body.period,
        value: v,
        before,
        changed: before !== v,
      };
      if (!result.changed) return result;
      await observations.set(ind.key, unit.id, body.period, v, actorId(ctx));
      await tx.audit({
        action: 'observation.set',
        entity_type: 'observation',
        entity_id: observationEntityId(ind.key, unit.id, body.period),
        before: before === null ? null : { value: before, demo: existing!.demo },
        after: { value: v },
      });
      tx.emit({ type: 'valuesChanged', indicators: [ind.key] });
      return result;
    });
  }
}
