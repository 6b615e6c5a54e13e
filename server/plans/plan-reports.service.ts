import type { RequestContext } from '../auth/context.ts';
import { badRequest } from '../errors.ts';
import { XLSX_TYPE, type DownloadFile } from '../http/download.ts';
import type { ExportsService } from '../exports/exports.service.ts';
import type { CandidatesService } from './candidates.service.ts';
import { compareSides, planSide, topSide } from './plans.compare.ts';
import { exportFileName, planCsv, planXlsx } from './plans.export.ts';
import { progressOf } from './plans.progress.ts';
import type { PlansRepository } from './plans.repository.ts';
import type { CompareQuery, CompareResponse, ProgressResponse } from './plans.schemas.ts';
import type { PlansService } from './plans.service.ts';

/**
 * What is read out of plans: two plans (or a plan and the top-N candidates) side by side, a plan's
 * progress month by month, and the plan as a spreadsheet (recorded as an export before it is sent).
 * Only plans the caller may open, through PlansService.detail.
 */
export class PlanReportsService {
  constructor(
    private readonly plans: Pick<PlansService, 'detail'>,
    private readonly candidates: Pick<CandidatesService, 'candidates'>,
    private readonly histories: Pick<PlansRepository, 'statusHistories'>,
    private readonly exports: Pick<ExportsService, 'record'>,
  ) {}

  async compare(ctx: RequestContext, q: CompareQuery): Promise<CompareResponse> {
    const a = await this.plans.detail(ctx, q.a);
    if (q.b !== undefined) {
      if (q.top !== undefined) {
        throw badRequest('plan.compare_b_or_top', 'Chọn "b" hoặc "top", không cả hai / give b or top, not both', {
          field: 'top',
        });
      }
      return compareSides(planSide(a), planSide(await this.plans.detail(ctx, q.b)));
    }
    if (q.top === undefined) {
      throw badRequest('plan.compare_b_or_top', 'Cần "b" (kế hoạch) hoặc "top" (số tổ) / give b or top', {
        field: 'b',
      });
    }
    if (!q.from || !q.to || !q.weights) {
      throw badRequest(
        'plan.compare_needs_window',
        'So với top-N cần from, to, weights / top needs from, to and weights',
        {
          field: 'weights',
        },
      );
    }
    const ranked = await this.candidates.candidates(ctx, {
      from: q.from,
      to: q.to,
      weights: q.weights,
      method: q.method ?? 'z',
      limit: q.top,
    });
    return compareSides(planSide(a), topSide(`Top ${q.top} đề xuất (${q.from}–${q.to})`, ranked.candidates));
  }

  async progress(ctx: RequestContext, id: number): Promise<ProgressResponse> {
    const plan = await this.plans.detail(ctx, id);
    return progressOf(plan, await this.histories.statusHistories(plan.items.map((i) => i.unitId)));
  }

  async download(ctx: RequestContext, id: number, format: 'xlsx' | 'csv'): Promise<DownloadFile> {
    const plan = await this.plans.detail(ctx, id);
    const fileName = exportFileName(plan, format);
    await this.exports.record(ctx, {
      format,
      kind: 'plan',
      id: plan.id,
      detail: { title: plan.name, file_name: fileName, items: plan.items.length, status: plan.status },
    });
    if (format === 'csv') return { fileName, type: 'text/csv; charset=utf-8', body: planCsv(plan) };
    return { fileName, type: XLSX_TYPE, body: await planXlsx(plan) };
  }
}
