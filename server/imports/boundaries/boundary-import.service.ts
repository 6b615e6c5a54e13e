import type { RequestContext } from '../../auth/context.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { AppError, badRequest } from '../../errors.ts';
import type { BoundaryImportRepository } from './boundary-import.repository.ts';
import type { BoundaryImportReport, RowIssue } from './boundary-import.schemas.ts';

export type { BoundaryImportReport } from './boundary-import.schemas.ts';
import type { EncodingChoice } from '../files/text-encoding.ts';
import { FeatureMapper, type FieldMapping } from './mapping.ts';
import { openBoundaryFile } from './read.ts';

export interface BoundaryImportOptions {
  valid_from: string;
  dry_run: boolean;
  repair: boolean;
  mapping: FieldMapping;
  srid?: number;
  /** `auto` (default) settles it from a BOM, the .cpg or the text itself. */
  encoding?: EncodingChoice;
  /** GeoPackage: the layer to import. */
  layer?: string;
  /** Share of area above which overlaps, gaps and children outside parents are reported. */
  tolerance: number;
}

/** Thrown inside the transaction to roll a dry run or a rejected file back, carrying its report. */
class Rollback {
  constructor(readonly report: BoundaryImportReport) {}
}

const MAX_ISSUES = 1000;
const BATCH = 2000;
/** Detailed polygons (land-office files) are large: flush by size too, so memory stays flat. */
const BATCH_CHARS = 4_000_000;

/** Where a long import is: features read so far, then the checks, then the commit. */
export type ImportProgress = { stage: 'read'; features: number } | { stage: 'check' | 'commit' };

/**
 * Imports a boundary set as a new version valid from a date, all or nothing: read the file, map its
 * fields, stage and check it in PostGIS, then either report (dry run, or any error) and roll back,
 * or close what it replaces, open it, and audit the change — in one transaction.
 */
export class BoundaryImportService {
  constructor(private readonly uow: UnitOfWork<{ boundaryImport: BoundaryImportRepository }>) {}

  /**
   * `path`: the uploaded file, already on disk (the route streams it there). A committed import is
   * announced as `boundariesChanged`: tiles, ids lists and user scopes are computed again.
   */
  async import(
    ctx: RequestContext,
    path: string,
    opts: BoundaryImportOptions,
    onProgress: (p: ImportProgress) => void = () => {},
  ): Promise<BoundaryImportReport> {
    const file = await openBoundaryFile(path, {
      ...(opts.srid !== undefined ? { srid: opts.srid } : {}),
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      ...(opts.layer !== undefined ? { layer: opts.layer } : {}),
    });
    const mapper = new FeatureMapper(opts.mapping, { repair: opts.repair });
    const base = {
      dry_run: opts.dry_run,
      committed: false,
      format: file.format,
      valid_from: opts.valid_from,
      ...(file.layers ? { layer: file.layer!, layers: file.layers } : {}),
    };
    try {
      return await this.uow.write(ctx, async (tx) => {
        const repo = tx.repos.boundaryImport;
        await repo.createStage();
        let read = 0;
        let staged = 0;
        let batch = [];
        let chars = 0;
        for await (const raw of file.features) {
          read++;
          const unit = mapper.map(raw);
          if (unit) {
            batch.push(unit);
            chars += 'geojson' in unit.geometry ? unit.geometry.geojson.length : unit.geometry.wkt.length;
          }
          if (batch.length >= BATCH || chars >= BATCH_CHARS) {
            await repo.stageBatch(batch);
            staged += batch.length;
            batch = [];
            chars = 0;
            onProgress({ stage: 'read', features: read });
          }
        }
        await repo.stageBatch(batch);
        staged += batch.length;
        onProgress({ stage: 'read', features: read });
        if (read === 0) {
          throw badRequest('import.no_features', 'Tệp không có đối tượng nào / the file holds no features', {
            field: 'file',
          });
        }
        onProgress({ stage: 'check' });
        const crs = file.crs();
        mapper.finish();
        const codeField = mapper.mapping?.code ?? 'code';
        const issues: RowIssue[] = [...mapper.issues];
        if (staged) {
          issues.push(...(await repo.finishStage(crs, opts.repair)));
          issues.push(...(await repo.check(opts.valid_from, opts.tolerance)));
          for (const c of await repo.clashes(opts.valid_from)) {
            issues.push({
              row: c.row,
              code: c.code,
              field: codeField,
              severity: 'error',
              message: `Đã có phiên bản của ${c.code} từ ngày ${opts.valid_from} / a version of this code already starts on that date`,
            });
          }
          for (const c of await repo.outsideScope(ctx.scope, opts.valid_from)) {
            issues.push({
              row: c.row,
              code: c.code,
              field: 'geometry',
              severity: 'error',
              message: 'Nằm ngoài phạm vi được giao / lies outside your unit scope',
            });
          }
        }
        issues.sort((a, b) => a.row - b.row || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
        const counts = staged ? await repo.counts() : { features: 0, by_kind: {} };
        const errors = issues.filter((i) => i.severity === 'error').length;
        const report: BoundaryImportReport = {
          ...base,
          crs: crs.label,
          encoding: file.encoding && { ...file.encoding, samples: mapper.names },
          columns: mapper.columns,
          mapping: mapper.mapping,
          ...counts,
          errors,
          warnings: issues.length - errors,
          issues: issues.slice(0, MAX_ISSUES),
        };
        if (errors > 0) throw new Rollback(report);
        if (opts.dry_run) {
          const preview = JSON.parse(await repo.preview(5000)) as { features: unknown[] };
          // Every staged feature passed the checks, so an empty preview would hide a fault: say so.
          if (counts.features > 0 && preview.features.length === 0) {
            throw new AppError(
              500,
              'import.preview_empty',
              'Bản xem trước rỗng dù tệp có đối tượng hợp lệ / the preview came out empty',
            );
          }
          throw new Rollback({ ...report, preview });
        }
        onProgress({ stage: 'commit' });
        const done = await repo.commit(opts.valid_from, ctx.scope);
        const result = {
          ...report,
          committed: true,
          opened: done.opened.length,
          closed: done.closed.length,
          relinked: done.relinked,
          crosswalk: done.crosswalk,
        };
        await tx.audit({
          action: 'boundary.import',
          entity_type: 'boundary_version',
          entity_id: opts.valid_from,
          before: { closed_unit_ids: done.closed },
          after: { opened_unit_ids: done.opened, format: file.format, crs: crs.label, warnings: report.warnings },
        });
        tx.emit({ type: 'boundariesChanged', validFrom: opts.valid_from });
        return result;
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      if (e.report.errors === 0) return e.report; // a dry run
      const first = e.report.issues.find((i) => i.severity === 'error')!;
      throw badRequest(
        'import.rejected',
        `${e.report.errors} lỗi, không nhập gì / ${e.report.errors} errors, nothing imported. ` +
          (first.row
            ? `Đầu tiên: đối tượng ${first.row}${first.code ? ` (${first.code})` : ''}, trường "${first.field}": ${first.message}`
            : `Đầu tiên: cả tệp, trường "${first.field}": ${first.message}`),
        { field: first.field, params: { errors_total: e.report.errors }, details: e.report },
      );
    } finally {
      file.close();
    }
  }
}
