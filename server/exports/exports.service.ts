import type { RequestContext } from '../auth/context.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';

/** `ogc`: features read through the OGC API (see server/ogc/export-window.ts for when it is recorded). */
export const EXPORT_FORMATS = ['png', 'pdf', 'xlsx', 'csv', 'ogc', 'gpkg', 'geojson', 'shp'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What was exported: the kind of thing, its id if it has one, and what identifies its content. */
export interface ExportRecord {
  format: ExportFormat;
  /** view (the map as shown or a saved view), briefing, atlas, plan, annual_summary, template. */
  kind: string;
  id?: number | null;
  /** Title, file name, indicator, period, paper size…: what security staff need to know what left. */
  detail: Record<string, unknown>;
}

/**
 * Every export is recorded — who (the context's user), when (the database clock), what (format,
 * kind, id, detail) — with the scope the data was read in. Files built on the server record here
 * before they are sent; maps and PDFs drawn in the browser record through POST /api/exports before
 * they are saved.
 */
export class ExportsService {
  constructor(private readonly uow: UnitOfWork<unknown>) {}

  record(ctx: RequestContext, e: ExportRecord): Promise<void> {
    return this.uow.write(ctx, (tx) =>
      tx.audit({
        action: `export.${e.format}`,
        entity_type: e.kind,
        entity_id: e.id ?? null,
        after: {
          ...e.detail,
          scope: ctx.scope.all ? 'all' : { unit_count: ctx.scope.unitIds.length },
          via: ctx.actor?.via ?? null,
        },
      }),
    );
  }
}
