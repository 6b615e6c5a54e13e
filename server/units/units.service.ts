import { kindsOfLevel, type MapLevel } from '../../geo/levels.ts';
import { foldVietnamese } from '../../geo/text.ts';
import type { RequestContext } from '../auth/context.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import { badRequest, notFoundInScope } from '../errors.ts';
import type { UnitsRepository } from './units.repository.ts';
import type { EditableUnit, UnitPatchBody } from './units.schemas.ts';
import { UnitNames } from './unit-names.ts';

export interface UnitsStore {
  units: Pick<UnitsRepository, 'listAt' | 'byIds' | 'updateAttributes' | 'idsByCode' | 'naming'>;
}

const EDITABLE = ['name', 'short_name', 'households', 'population'] as const;

/** A name as stored: NFC, single spaces, trimmed; empty or formula-like (=, +, -, @ first) is refused. */
function cleanName(value: string, field: 'name' | 'short_name'): string {
  const s = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (s.length === 0 || /^[=+\-@]/.test(s)) {
    throw badRequest('unit.invalid_name', `Tên không hợp lệ / invalid ${field} (empty, or starts like a formula)`, {
      field,
    });
  }
  return s;
}

/**
 * Units: the boundaries of a level on a date as GeoJSON, and editors' corrections of a unit's names
 * and counts (scoped, audited, announced as `unitsChanged`: tiles carry names).
 *
 * The FeatureCollection is assembled as text around PostGIS's GeoJSON output, so geometry is never
 * parsed and re-serialised in Node. Without geometry, each feature carries its `bbox` instead: the
 * light list a map drawn from vector tiles needs for names, tables and zooming.
 */
export class UnitsService {
  constructor(private readonly uow: UnitOfWork<UnitsStore>) {}

  async featureCollection(
    ctx: RequestContext,
    level: MapLevel,
    at: string,
    demo: boolean,
    { geometry = true }: { geometry?: boolean } = {},
  ): Promise<{ body: string; count: number }> {
    const rows = await this.uow.read.units.listAt(kindsOfLevel(level), at, ctx.scope, { geometry, bbox: !geometry });
    const names = await new UnitNames(this.uow.read.units).of(
      rows.map((r) => r.id),
      at,
    );
    const parts = rows.map((r) => {
      const props = {
        id: r.id,
        code: r.code,
        name: r.name,
        display_name: names.get(r.id) ?? r.name,
        short_name: r.short_name,
        kind: r.kind,
        parent_code: r.parent_code,
        valid_from: r.valid_from,
        valid_to: r.valid_to,
        households: r.households,
      };
      const shape = geometry ? `"geometry":${r.geometry}` : `"geometry":null,"bbox":${r.bbox ?? 'null'}`;
      return `{"type":"Feature","id":${r.id},"properties":${JSON.stringify(props)},${shape}}`;
    });
    const head = `{"type":"FeatureCollection","demo":${demo},"at":${JSON.stringify(at)},"level":${JSON.stringify(level)},"features":[`;
    return { body: `${head}${parts.join(',')}]}`, count: rows.length };
  }

  /** Ids of the units with these codes on `at` (scoping accounts by ward code). */
  idsByCode(codes: readonly string[], at: string): Promise<number[]> {
    return this.uow.read.units.idsByCode(codes, at);
  }

  /** An editor's correction of names and counts; audited with before and after when anything changed. */
  async update(ctx: RequestContext, id: number, patch: UnitPatchBody): Promise<EditableUnit> {
    if (!EDITABLE.some((f) => patch[f] !== undefined)) {
      throw badRequest(
        'params.nothing_to_change',
        'Không có gì để sửa / nothing to change (name, short_name, households, population)',
        { params: { fields: [...EDITABLE] } },
      );
    }
    const clean: UnitPatchBody = { ...patch };
    if (clean.name !== undefined) clean.name = cleanName(clean.name, 'name');
    if (clean.short_name !== undefined) clean.short_name = cleanName(clean.short_name, 'short_name');
    return this.uow.write(ctx, async (tx) => {
      const before = await loadEditable(tx.repos, ctx, id);
      await tx.repos.units.updateAttributes(id, clean, foldVietnamese(`${clean.name ?? before.name} ${before.code}`));
      const after = await loadEditable(tx.repos, ctx, id);
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        await tx.audit({ action: 'unit.update', entity_type: 'unit', entity_id: id, before, after });
        tx.emit({ type: 'unitsChanged', unitIds: [id] });
      }
      return after;
    });
  }
}

/** The unit's editable attributes, if the caller's scope includes it (else the one "not found"). */
async function loadEditable(repos: UnitsStore, ctx: RequestContext, id: number): Promise<EditableUnit> {
  const [unit] = await repos.units.byIds([id], ctx.scope);
  if (!unit?.in_scope) throw notFoundInScope('unit', id, 'id');
  const { in_scope: _inScope, ...editable } = unit;
  return editable;
}
