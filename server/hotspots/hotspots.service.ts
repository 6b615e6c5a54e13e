import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { isDate, todayInVietnam } from '../../geo/periods.ts';
import { GROUP_KINDS, HOTSPOT_CATEGORIES, type HotspotStatus } from '../../geo/units.ts';
import { AuditRepository } from '../audit/audit.repository.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest, conflict, notFoundInScope } from '../errors.ts';
import { HotspotsWriteRepository, type HotspotDetail } from './hotspots.repository.ts';

type Req = Pick<FastifyRequest, 'ip' | 'actor' | 'scope'>;

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

function checkDate(value: string, field: string): void {
  if (!isDate(value)) throw badRequest(`Ngày không hợp lệ / invalid date "${value}" in "${field}" (YYYY-MM-DD)`, field);
  if (value > todayInVietnam()) throw badRequest(`Ngày "${value}" ở tương lai / "${field}" is in the future`, field);
}

function checkCategories(categories: string[]): string[] {
  const unique = [...new Set(categories)];
  if (!unique.length) throw badRequest('Cần ít nhất một loại vấn đề / at least one category', 'categories');
  for (const c of unique) {
    if (!(HOTSPOT_CATEGORIES as readonly string[]).includes(c)) {
      throw badRequest(`Loại không hợp lệ / unknown category "${c}" (${HOTSPOT_CATEGORIES.join(', ')})`, 'categories');
    }
  }
  return unique;
}

/** Hotspot writes: designation, status changes, attribute edits. Scoped, audited, transactional. */
export class HotspotsService {
  constructor(private readonly db: Kysely<DB>) {}

  async designate(
    request: Req,
    body: { unit_id: number; categories: string[]; designated_on: string; target_date?: string | null; note?: string },
  ): Promise<HotspotDetail> {
    checkDate(body.designated_on, 'designated_on');
    const categories = checkCategories(body.categories);
    if (body.target_date) {
      if (!isDate(body.target_date)) throw badRequest(`Ngày không hợp lệ / invalid target_date`, 'target_date');
      if (body.target_date <= body.designated_on) {
        throw badRequest(
          'Ngày mục tiêu phải sau ngày xác định / target_date must be after designated_on',
          'target_date',
        );
      }
    }
    return this.db.transaction().execute(async (trx) => {
      const repo = new HotspotsWriteRepository(trx);
      const unit = await repo.unit(body.unit_id, request.scope);
      // Absent or outside the scope: one answer, naming only the id that was sent.
      if (!unit?.in_scope) throw notFoundInScope('unit', body.unit_id, 'unit_id');
      if (!(GROUP_KINDS as readonly string[]).includes(unit.kind)) {
        throw badRequest(
          `Chỉ tổ dân phố/thôn mới là địa bàn phức tạp / only groups can be hotspots (${unit.code} is ${unit.kind})`,
          'unit_id',
        );
      }
      if (unit.valid_from > body.designated_on || (unit.valid_to !== null && unit.valid_to <= body.designated_on)) {
        throw badRequest(
          `Đơn vị ${unit.code} không tồn tại vào ${body.designated_on} / unit not valid on that date`,
          'designated_on',
        );
      }
      const existing = await repo.idOfUnit(unit.id);
      if (existing !== undefined) {
        throw conflict(
          `${unit.name} (${unit.code}) đã là địa bàn phức tạp (#${existing}) / already a hotspot; change its status instead`,
          'unit_id',
        );
      }
      const id = await repo.create({
        unit_id: unit.id,
        categories,
        designated_on: body.designated_on,
        target_date: body.target_date ?? null,
        note: body.note ?? '',
        created_by: request.actor?.id ?? null,
      });
      const after = (await repo.detail(id))!;
      await new AuditService(new AuditRepository(trx)).record(request, {
        action: 'hotspot.create',
        entity_type: 'hotspot',
        entity_id: id,
        after,
      });
      return after;
    });
  }

  async changeStatus(
    request: Req,
    id: number,
    body: { status: HotspotStatus; changed_on: string; note?: string },
  ): Promise<HotspotDetail> {
    checkDate(body.changed_on, 'changed_on');
    return this.db.transaction().execute(async (trx) => {
      const repo = new HotspotsWriteRepository(trx);
      const before = await this.#load(repo, request, id);
      if (body.changed_on < before.designated_on) {
        throw badRequest(
          `Không thể trước ngày xác định ${before.designated_on} / cannot be dated before designation`,
          'changed_on',
        );
      }
      const last = before.history[before.history.length - 1];
      if (last && body.changed_on < last.changed_on) {
        throw badRequest(
          `Không thể trước lần đổi gần nhất (${last.changed_on}) / cannot be dated before the latest status change`,
          'changed_on',
        );
      }
      const current = (last?.status ?? 'identified') as HotspotStatus;
      if (!NEXT_STATUS[current].includes(body.status)) {
        throw new AppError(
          409,
          `Không thể chuyển từ "${current}" sang "${body.status}" / transition not allowed (from ${current}: ${NEXT_STATUS[current].join(', ')})`,
          'status',
        );
      }
      await repo.addStatus({
        hotspot_id: id,
        status: body.status,
        changed_on: body.changed_on,
        note: body.note ?? '',
        created_by: request.actor?.id ?? null,
      });
      const after = (await repo.detail(id))!;
      await new AuditService(new AuditRepository(trx)).record(request, {
        action: 'hotspot.status',
        entity_type: 'hotspot',
        entity_id: id,
        before,
        after,
      });
      return after;
    });
  }

  async update(
    request: Req,
    id: number,
    body: { categories?: string[]; target_date?: string | null; note?: string },
  ): Promise<HotspotDetail> {
    if (body.categories === undefined && body.target_date === undefined && body.note === undefined) {
      throw badRequest('Không có gì để sửa / nothing to change (categories, target_date, note)');
    }
    return this.db.transaction().execute(async (trx) => {
      const repo = new HotspotsWriteRepository(trx);
      const before = await this.#load(repo, request, id);
      const patch: { categories?: string[]; target_date?: string | null; note?: string } = {};
      if (body.categories !== undefined) patch.categories = checkCategories(body.categories);
      if (body.target_date !== undefined) {
        if (body.target_date !== null) {
          if (!isDate(body.target_date)) throw badRequest('Ngày không hợp lệ / invalid target_date', 'target_date');
          if (body.target_date <= before.designated_on) {
            throw badRequest(
              'Ngày mục tiêu phải sau ngày xác định / target_date must be after designated_on',
              'target_date',
            );
          }
        }
        patch.target_date = body.target_date;
      }
      if (body.note !== undefined) patch.note = body.note;
      await repo.update(id, patch);
      const after = (await repo.detail(id))!;
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        await new AuditService(new AuditRepository(trx)).record(request, {
          action: 'hotspot.update',
          entity_type: 'hotspot',
          entity_id: id,
          before,
          after,
        });
      }
      return after;
    });
  }

  async #load(repo: HotspotsWriteRepository, request: Req, id: number): Promise<HotspotDetail> {
    const h = await repo.detail(id);
    const unit = h && (await repo.unit(h.unit_id, request.scope));
    // Absent or outside the scope: one answer, naming only the id that was sent.
    if (!h || !unit?.in_scope) throw notFoundInScope('hotspot', id);
    return h;
  }
}
