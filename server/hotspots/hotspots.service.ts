import { todayInVietnam } from '../../geo/periods.ts';
import { GROUP_KINDS, HOTSPOT_CATEGORIES, type HotspotStatus } from '../../geo/units.ts';
import { actorId, type RequestContext } from '../auth/context.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import { badRequest, conflict, notFoundInScope } from '../errors.ts';
import { checkDate } from '../http/params.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import { UnitNames } from '../units/unit-names.ts';
import type { HotspotsRepository } from './hotspots.repository.ts';
import type { DesignateBody, Hotspot, HotspotDetail, StatusBody, UpdateHotspotBody } from './hotspots.schemas.ts';

/** What the hotspot rules need from storage. */
export interface HotspotsStore {
  hotspots: Pick<HotspotsRepository, 'listAt' | 'detail' | 'idOfUnit' | 'insert' | 'addStatus' | 'update'>;
  units: Pick<UnitsRepository, 'byIds' | 'naming'>;
}

/**
 * Which status may follow which: identified → transforming or straight to transformed;
 * transforming → transformed (or back to identified when the plan is dropped); transformed →
 * relapsed; relapsed → transforming or transformed again.
 */
export const NEXT_STATUS: Record<HotspotStatus, readonly HotspotStatus[]> = {
  identified: ['transforming', 'transformed'],
  transforming: ['transformed', 'identified'],
  transformed: ['relapsed'],
  relapsed: ['transforming', 'transformed'],
};

/** A real calendar day, not after today in Vietnam. */
function checkPastDate(value: string, field: string): void {
  checkDate(value, field);
  if (value > todayInVietnam()) {
    throw badRequest('params.date_in_future', `Ngày "${value}" ở tương lai / "${field}" is in the future`, {
      field,
      params: { value },
    });
  }
}

function checkCategories(categories: readonly string[]): string[] {
  const unique = [...new Set(categories)];
  if (!unique.length) {
    throw badRequest('hotspot.no_category', 'Cần ít nhất một loại vấn đề / at least one category', {
      field: 'categories',
    });
  }
  for (const c of unique) {
    if (!(HOTSPOT_CATEGORIES as readonly string[]).includes(c)) {
      throw badRequest(
        'params.not_allowed',
        `Loại không hợp lệ / unknown category "${c}" (${HOTSPOT_CATEGORIES.join(', ')})`,
        { field: 'categories', params: { allowed: [...HOTSPOT_CATEGORIES] } },
      );
    }
  }
  return unique;
}

/** A target date is a real day after the designation. */
function checkTarget(target: string, designatedOn: string): void {
  checkDate(target, 'target_date');
  if (target <= designatedOn) {
    throw badRequest(
      'hotspot.target_before_designation',
      'Ngày mục tiêu phải sau ngày xác định / target_date must be after designated_on',
      { field: 'target_date' },
    );
  }
}

/**
 * Hotspots: the list on a date (in scope), and editors' writes — designation, status changes,
 * attribute edits — each one transaction with its audit row, announced as `hotspotsChanged`
 * (the tiles draw hotspots) once committed.
 */
export class HotspotsService {
  constructor(private readonly uow: UnitOfWork<HotspotsStore>) {}

  async listAt(ctx: RequestContext, at: string): Promise<Hotspot[]> {
    const list = await this.uow.read.hotspots.listAt(at, ctx.scope);
    const names = await new UnitNames(this.uow.read.units).of(
      list.map((h) => h.unit_id),
      at,
    );
    return list.map((h) => ({ ...h, display_name: names.get(h.unit_id) ?? h.name }));
  }

  async designate(ctx: RequestContext, body: DesignateBody): Promise<HotspotDetail> {
    checkPastDate(body.designated_on, 'designated_on');
    const categories = checkCategories(body.categories);
    if (body.target_date) checkTarget(body.target_date, body.designated_on);
    return this.uow.write(ctx, async (tx) => {
      const [unit] = await tx.repos.units.byIds([body.unit_id], ctx.scope);
      // Absent or outside the scope: one answer, naming only the id that was sent.
      if (!unit?.in_scope) throw notFoundInScope('unit', body.unit_id, 'unit_id');
      if (!(GROUP_KINDS as readonly string[]).includes(unit.kind)) {
        throw badRequest(
          'unit.wrong_kind',
          `Chỉ tổ dân phố/thôn mới là địa bàn phức tạp / only groups can be hotspots (${unit.code} is ${unit.kind})`,
          { field: 'unit_id', params: { code: unit.code, kind: unit.kind, expected: [...GROUP_KINDS] } },
        );
      }
      if (unit.valid_from > body.designated_on || (unit.valid_to !== null && unit.valid_to <= body.designated_on)) {
        throw badRequest(
          'unit.not_valid_on',
          `Đơn vị ${unit.code} không tồn tại vào ${body.designated_on} / unit not valid on that date`,
          { field: 'designated_on', params: { code: unit.code, date: body.designated_on } },
        );
      }
      const existing = await tx.repos.hotspots.idOfUnit(unit.id);
      if (existing !== undefined) {
        throw conflict(
          'hotspot.already',
          `${unit.name} (${unit.code}) đã là địa bàn phức tạp (#${existing}) / already a hotspot; change its status instead`,
          { field: 'unit_id', params: { code: unit.code, hotspot_id: existing } },
        );
      }
      const note = body.note ?? '';
      const id = await tx.repos.hotspots.insert({
        unit_id: unit.id,
        categories,
        designated_on: body.designated_on,
        target_date: body.target_date ?? null,
        note,
        demo: false,
        history: [{ status: 'identified', changed_on: body.designated_on, note, created_by: actorId(ctx) }],
      });
      const after = (await tx.repos.hotspots.detail(id))!;
      await tx.audit({ action: 'hotspot.create', entity_type: 'hotspot', entity_id: id, after });
      tx.emit({ type: 'hotspotsChanged', hotspotIds: [id] });
      return after;
    });
  }

  async changeStatus(ctx: RequestContext, id: number, body: StatusBody): Promise<HotspotDetail> {
    checkPastDate(body.changed_on, 'changed_on');
    return this.uow.write(ctx, async (tx) => {
      const before = await this.#load(tx.repos, ctx, id);
      if (body.changed_on < before.designated_on) {
        throw badRequest(
          'hotspot.before_designation',
          `Không thể trước ngày xác định ${before.designated_on} / cannot be dated before designation`,
          { field: 'changed_on', params: { designated_on: before.designated_on } },
        );
      }
      const last = before.history[before.history.length - 1];
      if (last && body.changed_on < last.changed_on) {
        throw badRequest(
          'hotspot.before_last_change',
          `Không thể trước lần đổi gần nhất (${last.changed_on}) / cannot be dated before the latest status change`,
          { field: 'changed_on', params: { last: last.changed_on } },
        );
      }
      const current = last?.status ?? 'identified';
      if (!NEXT_STATUS[current].includes(body.status)) {
        throw conflict(
          'hotspot.transition_not_allowed',
          `Không thể chuyển từ "${current}" sang "${body.status}" / transition not allowed (from ${current}: ${NEXT_STATUS[current].join(', ')})`,
          { field: 'status', params: { from: current, to: body.status, allowed: NEXT_STATUS[current] } },
        );
      }
      await tx.repos.hotspots.addStatus({
        hotspot_id: id,
        status: body.status,
        changed_on: body.changed_on,
        note: body.note ?? '',
        created_by: actorId(ctx),
      });
      const after = (await tx.repos.hotspots.detail(id))!;
      await tx.audit({ action: 'hotspot.status', entity_type: 'hotspot', entity_id: id, before, after });
      tx.emit({ type: 'hotspotsChanged', hotspotIds: [id] });
      return after;
    });
  }

  async update(ctx: RequestContext, id: number, body: UpdateHotspotBody): Promise<HotspotDetail> {
    if (body.categories === undefined && body.target_date === undefined && body.note === undefined) {
      throw badRequest(
        'params.nothing_to_change',
        'Không có gì để sửa / nothing to change (categories, target_date, note)',
        {
          params: { fields: ['categories', 'target_date', 'note'] },
        },
      );
    }
    return this.uow.write(ctx, async (tx) => {
      const before = await this.#load(tx.repos, ctx, id);
      const patch: { categories?: string[]; target_date?: string | null; note?: string } = {};
      if (body.categories !== undefined) patch.categories = checkCategories(body.categories);
      if (body.target_date !== undefined) {
        if (body.target_date !== null) checkTarget(body.target_date, before.designated_on);
        patch.target_date = body.target_date;
      }
      if (body.note !== undefined) patch.note = body.note;
      await tx.repos.hotspots.update(id, patch);
      const after = (await tx.repos.hotspots.detail(id))!;
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        await tx.audit({ action: 'hotspot.update', entity_type: 'hotspot', entity_id: id, before, after });
        tx.emit({ type: 'hotspotsChanged', hotspotIds: [id] });
      }
      return after;
    });
  }

  async #load(repos: HotspotsStore, ctx: RequestContext, id: number): Promise<HotspotDetail> {
    const h = await repos.hotspots.detail(id);
    const [unit] = h ? await repos.units.byIds([h.unit_id], ctx.scope) : [];
    // Absent or outside the scope: one answer, naming only the id that was sent.
    if (!h || !unit?.in_scope) throw notFoundInScope('hotspot', id);
    return h;
  }
}
