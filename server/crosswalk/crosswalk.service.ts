import type { RequestContext } from '../auth/context.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import { notFound } from '../errors.ts';
import type { CrosswalkRepository } from './crosswalk.repository.ts';
import type { CrosswalkRow, SetSharesBody } from './crosswalk.schemas.ts';

export interface CrosswalkStore {
  crosswalk: Pick<CrosswalkRepository, 'listAt' | 'get' | 'setShares'>;
}

/**
 * The crosswalk computed when a boundary version was imported: read across a boundary change, and
 * corrected by editors (audited; announced as `crosswalkChanged`, since values re-expressed through
 * it change with it).
 */
export class CrosswalkService {
  constructor(private readonly uow: UnitOfWork<CrosswalkStore>) {}

  listAt(ctx: RequestContext, at: string): Promise<CrosswalkRow[]> {
    return this.uow.read.crosswalk.listAt(at, ctx.scope);
  }

  setShares(ctx: RequestContext, b: SetSharesBody): Promise<CrosswalkRow> {
    return this.uow.write(ctx, async (tx) => {
      const repo = tx.repos.crosswalk;
      const before = await repo.get(b.from_unit_id, b.to_unit_id, ctx.scope);
      // Absent or outside the scope: one answer, naming only the ids that were sent.
      if (!before) {
        throw notFound(
          'crosswalk.not_found',
          `Không có dòng chuyển đổi ${b.from_unit_id} → ${b.to_unit_id} / no such crosswalk row`,
          { field: 'from_unit_id', params: { from_unit_id: b.from_unit_id, to_unit_id: b.to_unit_id } },
        );
      }
      await repo.setShares(b.from_unit_id, b.to_unit_id, b.area_share, b.household_share);
      const after = (await repo.get(b.from_unit_id, b.to_unit_id, ctx.scope))!;
      await tx.audit({
        action: 'crosswalk.update',
        entity_type: 'crosswalk',
        entity_id: `${b.from_unit_id}>${b.to_unit_id}`,
        before: { area_share: before.area_share, household_share: before.household_share },
        after: { area_share: after.area_share, household_share: after.household_share },
      });
      tx.emit({ type: 'crosswalkChanged', fromUnitId: b.from_unit_id, toUnitId: b.to_unit_id });
      return after;
    });
  }
}
