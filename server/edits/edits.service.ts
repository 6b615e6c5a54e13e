import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { kindsOfLevel } from '../../geo/levels.ts';
import { isMonth, monthIndex, todayInVietnam } from '../../geo/periods.ts';
import { foldVietnamese } from '../../geo/text.ts';
import { AuditRepository } from '../audit/audit.repository.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, notFoundInScope } from '../errors.ts';
import { FIRST_IMPORT_MONTH } from '../imports/indicator-import.service.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import { EditsRepository, type EditableUnit } from './edits.repository.ts';

type Req = Pick<FastifyRequest, 'ip' | 'actor' | 'scope'>;

/** The audit id of one observation: indicator, unit id and month, as imports write it too. */
export const observationEntityId = (indicator: string, unitId: number, period: string) =>
  `${indicator}:${unitId}:${period}`;

export interface UnitPatch {
  name?: string;
  short_name?: string;
  households?: number | null;
  population?: number | null;
}

/** Single corrections by editors: one value, or a unit's names and counts. Scoped and audited. */
export class EditsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly indicators: IndicatorsService,
  ) {}

  async setObservation(
    request: Req,
    body: { indicator: string; unit_id: number; period: string; value: number },
  ): Promise<{
    indicator: string;
    unit_id: number;
    period: string;
    value: number;
    before: number | null;
    changed: boolean;
  }> {
    const ind = await this.indicators.get(body.indicator);
    if (ind.kind === 'ratio') {
      throw badRequest(
        `"${ind.key}" là tỷ lệ tính từ "${ind.numerator_key}" và "${ind.denominator_key}" / ratios are computed: set their parts`,
        'indicator',
      );
    }
    const last = todayInVietnam().slice(0, 7);
    if (!isMonth(body.period) || body.period < FIRST_IMPORT_MONTH || monthIndex(body.period) > monthIndex(last)) {
      throw badRequest(`Kỳ ngoài khoảng cho phép / period out of range (${FIRST_IMPORT_MONTH} … ${last})`, 'period');
    }
    const v = body.value;
    if (!Number.isFinite(v)) throw badRequest('Giá trị không hợp lệ / value must be a finite number', 'value');
    if (ind.kind === 'count' && (v < 0 || !Number.isInteger(v))) {
      throw badRequest(`Số đếm phải là số nguyên ≥ 0 / a count must be a whole number ≥ 0 (got ${v})`, 'value');
    }
    if (ind.kind === 'percent' && (v < 0 || v > 100)) throw badRequest('0–100', 'value');
    if (ind.kind === 'boolean' && v !== 0 && v !== 1) throw badRequest('0 / 1', 'value');

    return this.db.transaction().execute(async (trx) => {
      const repo = new EditsRepository(trx);
      const unit = await this.#unit(repo, request, body.unit_id);
      const d = `${body.period}-01`;
      if (unit.valid_from > d || (unit.valid_to !== null && unit.valid_to <= d)) {
        throw badRequest(
          `Đơn vị ${unit.code} không tồn tại vào kỳ ${body.period} / unit not valid in that month`,
          'period',
        );
      }
      if (!(kindsOfLevel(ind.entry_level) as readonly string[]).includes(unit.kind)) {
        throw badRequest(
          `Chỉ tiêu "${ind.key}" nhập ở cấp ${ind.entry_level}, không ở ${unit.kind} / entry level mismatch`,
          'unit_id',
        );
      }
      // Ratios this value is part of: the numerator cannot exceed the denominator of the same month.
      for (const r of await this.indicators.list()) {
        if (r.kind !== 'ratio' || !r.numerator_key || !r.denominator_key) continue;
        if (r.numerator_key === ind.key) {
          const den = await repo.observation(r.denominator_key, unit.id, body.period);
          if (den && v > den.value) {
            throw badRequest(
              `Lớn hơn "${r.denominator_key}" (${den.value}) / numerator exceeds denominator of ${r.key}`,
              'value',
            );
          }
        }
        if (r.denominator_key === ind.key) {
          const num = await repo.observation(r.numerator_key, unit.id, body.period);
          if (num && v < num.value) {
            throw badRequest(
              `Nhỏ hơn "${r.numerator_key}" (${num.value}) / denominator below numerator of ${r.key}`,
              'value',
            );
          }
        }
      }
      const existing = await repo.observation(ind.key, unit.id, body.period);
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
      await repo.upsertObservation(ind.key, unit.id, body.period, v, request.actor?.id ?? null);
      await new AuditService(new AuditRepository(trx)).record(request, {
        action: 'observation.set',
        entity_type: 'observation',
        entity_id: observationEntityId(ind.key, unit.id, body.period),
        before: before === null ? null : { value: before, demo: existing!.demo },
        after: { value: v },
      });
      return result;
    });
  }

  async updateUnit(request: Req, id: number, patch: UnitPatch): Promise<Omit<EditableUnit, 'in_scope'>> {
    if (!Object.keys(patch).length) {
      throw badRequest('Không có gì để sửa / nothing to change (name, short_name, households, population)');
    }
    const clean: UnitPatch = { ...patch };
    if (clean.name !== undefined) clean.name = clean.name.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (clean.short_name !== undefined)
      clean.short_name = clean.short_name.normalize('NFC').replace(/\s+/g, ' ').trim();
    for (const f of ['name', 'short_name'] as const) {
      const s = clean[f];
      if (s !== undefined && (s.length === 0 || /^[=+\-@]/.test(s))) {
        throw badRequest(`Tên không hợp lệ / invalid ${f} (empty, or starts like a formula)`, f);
      }
    }
    return this.db.transaction().execute(async (trx) => {
      const repo = new EditsRepository(trx);
      const { in_scope: _s, ...before } = await this.#unit(repo, request, id, 'id');
      const name = clean.name ?? before.name;
      await repo.updateUnit(id, clean, foldVietnamese(`${name} ${before.code}`));
      const { in_scope: _a, ...after } = (await repo.unit(id, request.scope))!;
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        await new AuditService(new AuditRepository(trx)).record(request, {
          action: 'unit.update',
          entity_type: 'unit',
          entity_id: id,
          before,
          after,
        });
      }
      return after;
    });
  }

  async #unit(repo: EditsRepository, request: Req, id: number, field = 'unit_id'): Promise<EditableUnit> {
    const unit = await repo.unit(id, request.scope);
    // Absent or outside the scope: one answer, naming only the id that was sent.
    if (!unit?.in_scope) throw notFoundInScope('unit', id, field);
    return unit;
  }
}
