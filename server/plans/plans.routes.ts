import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { APPROVERS, PLANNERS, READERS } from '../auth/roles.ts';
import { badRequest } from '../errors.ts';
import { recordExport } from '../exports/exports.service.ts';
import { ErrorResponse } from '../http/params.ts';
import { CandidatesService } from './plans.candidates.ts';
import { compareSides, planSide, topSide } from './plans.compare.ts';
import { exportFileName, planCsv, planXlsx } from './plans.export.ts';
import { progressOf } from './plans.progress.ts';
import { PlansRepository } from './plans.repository.ts';
import {
  ApproveBody,
  CandidatesQuery,
  CandidatesResponse,
  CompareQuery,
  CompareResponse,
  CreatePlanBody,
  ExportQuery,
  IdParams,
  PlanDetail,
  PlansQuery,
  PlansResponse,
  ProgressResponse,
  PutItemsBody,
  ReturnBody,
  UpdatePlanBody,
} from './plans.schemas.ts';
import { PlansService } from './plans.service.ts';

/** Planners draft and submit; commanders approve or return; administrators may do both. */

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['data'];
const SubmitBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

/** Submit and approve may be posted without a body (the comment is optional). */
async function emptyBodyIsEmptyObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** The planning API (issue #7). HTTP only: rules live in the services. */
export const plansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, indicators, values } = app.services;
  const plans = new PlansService(database.db);
  const candidates = new CandidatesService(indicators, values, () => app.services.isDemo());
  const repo = new PlansRepository(database.db);

  app.get(
    '/api/plans/candidates',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Xếp hạng tổ dân phố/thôn đề xuất chuyển hóa / ranked candidate groups with score breakdown',
        querystring: CandidatesQuery,
        response: { 200: CandidatesResponse, 400: ErrorResponse },
      },
    },
    async (request) => candidates.candidates(repo, request.query, request.scope, request.actor?.id ?? null),
  );

  app.get(
    '/api/plans/compare',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'So sánh hai kế hoạch, hoặc kế hoạch với top-N đề xuất / compare plans',
        querystring: CompareQuery,
        response: { 200: CompareResponse, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const a = await plans.detail(request, q.a);
      if (q.b !== undefined) {
        if (q.top !== undefined) throw badRequest('Chọn "b" hoặc "top", không cả hai / give b or top, not both', 'top');
        return compareSides(planSide(a), planSide(await plans.detail(request, q.b)));
      }
      if (q.top === undefined) throw badRequest('Cần "b" (kế hoạch) hoặc "top" (số tổ) / give b or top', 'b');
      if (!q.from || !q.to || !q.weights) {
        throw badRequest('So với top-N cần from, to, weights / top needs from, to and weights', 'weights');
      }
      const ranked = await candidates.candidates(
        repo,
        { from: q.from, to: q.to, weights: q.weights, method: q.method ?? 'z', limit: q.top },
        request.scope,
        request.actor?.id ?? null,
      );
      return compareSides(planSide(a), topSide(`Top ${q.top} đề xuất (${q.from}–${q.to})`, ranked.candidates));
    },
  );

  app.get(
    '/api/plans',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Kế hoạch chuyển hóa trong phạm vi / plans in your scope',
        querystring: PlansQuery,
        response: { 200: PlansResponse, 400: ErrorResponse },
      },
    },
    async (request) => ({ plans: await plans.list(request, request.query) }),
  );

  app.post(
    '/api/plans',
    {
      config: { access: PLANNERS },
      schema: {
        tags,
        summary: 'Tạo kế hoạch (bản nháp) / create a draft plan',
        body: CreatePlanBody,
        response: { 201: PlanDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await plans.create(request, request.body)),
  );

  app.get(
    '/api/plans/:id',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Chi tiết kế hoạch / a plan with items, revisions and history',
        params: IdParams,
        response: { 200: PlanDetail, ...errors },
      },
    },
    async (request) => plans.detail(request, request.params.id),
  );

  app.patch(
    '/api/plans/:id',
    {
      config: { access: PLANNERS },
      schema: {
        tags,
        summary: 'Sửa kế hoạch (kế hoạch đã duyệt: tạo lần sửa mới) / edit (an approved plan: new revision)',
        params: IdParams,
        body: UpdatePlanBody,
        response: { 200: PlanDetail, ...errors },
      },
    },
    async (request) => plans.update(request, request.params.id, request.body),
  );

  app.put(
    '/api/plans/:id/items',
    {
      config: { access: PLANNERS },
      schema: {
        tags,
        summary: 'Thay danh sách tổ của kế hoạch / replace the items (an approved plan: new revision)',
        params: IdParams,
        body: PutItemsBody,
        response: { 200: PlanDetail, ...errors },
      },
    },
    async (request) => plans.putItems(request, request.params.id, request.body.items),
  );

  app.post(
    '/api/plans/:id/submit',
    {
      config: { access: PLANNERS },
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        tags,
        summary: 'Trình duyệt / submit for approval',
        params: IdParams,
        body: SubmitBody,
        response: { 200: PlanDetail, ...errors },
      },
    },
    async (request) => plans.submit(request, request.params.id, request.body.comment ?? ''),
  );

  app.post(
    '/api/plans/:id/approve',
    {
      config: { access: APPROVERS },
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        tags,
        summary: 'Phê duyệt / approve',
        params: IdParams,
        body: ApproveBody,
        response: { 200: PlanDetail, ...errors },
      },
    },
    async (request) => plans.approve(request, request.params.id, request.body.comment ?? ''),
  );

  app.post(
    '/api/plans/:id/return',
    {
      config: { access: APPROVERS },
      schema: {
        tags,
        summary: 'Trả lại kèm ý kiến / return with a comment',
        params: IdParams,
        body: ReturnBody,
        response: { 200: PlanDetail, ...errors },
      },
    },
    async (request) => plans.return(request, request.params.id, request.body.comment),
  );

  app.delete(
    '/api/plans/:id',
    {
      config: { access: PLANNERS },
      schema: {
        tags,
        summary: 'Xóa bản nháp / delete a draft',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await plans.delete(request, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/plans/:id/progress',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Tiến độ chuyển hóa theo tháng / progress by month since the plan started',
        params: IdParams,
        response: { 200: ProgressResponse, ...errors },
      },
    },
    async (request) => {
      const plan = await plans.detail(request, request.params.id);
      return progressOf(plan, await repo.statusHistories(plan.items.map((i) => i.unitId)));
    },
  );

  app.get(
    '/api/plans/:id/export',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Tải kế hoạch (XLSX hoặc CSV, tiêu đề tiếng Việt) / download the plan',
        params: IdParams,
        querystring: ExportQuery,
        response: errors,
      },
    },
    async (request, reply) => {
      const plan = await plans.detail(request, request.params.id);
      const format = request.query.format ?? 'xlsx';
      const fileName = exportFileName(plan, format);
      await recordExport(app.services.audit, request, {
        format,
        kind: 'plan',
        id: plan.id,
        detail: { title: plan.name, file_name: fileName, items: plan.items.length, status: plan.status },
      });
      reply.header('cache-control', 'private, no-store');
      reply.header('content-disposition', `attachment; filename="${fileName}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(planCsv(plan) as never);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send((await planXlsx(plan)) as never);
    },
  );
};
