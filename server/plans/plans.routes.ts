import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { APPROVERS, PLANNERS, READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { IdParams } from '../http/params.schemas.ts';
import { sendDownload } from '../http/download.ts';
import {
  ApproveBody,
  CandidatesQuery,
  CandidatesResponse,
  CompareQuery,
  CompareResponse,
  CreatePlanBody,
  ExportQuery,
  PlanDetail,
  PlansQuery,
  PlansResponse,
  ProgressResponse,
  PutItemsBody,
  ReturnBody,
  SubmitBody,
  UpdatePlanBody,
} from './plans.schemas.ts';

const errors = errorResponses(400, 403, 404, 409);
const tags = ['data'];

/** Submit and approve may be posted without a body (the comment is optional). */
async function emptyBodyIsEmptyObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** The planning API (issue #7). HTTP only: rules live in the services. */
export const plansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { plans, candidates, planReports } = app.services;

  app.get(
    '/api/plans/candidates',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Xếp hạng tổ dân phố/thôn đề xuất chuyển hóa / ranked candidate groups with score breakdown',
        querystring: CandidatesQuery,
        response: { 200: CandidatesResponse, ...errorResponses(400) },
      },
    },
    async (request) => candidates.candidates(request.ctx, request.query),
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
    async (request) => planReports.compare(request.ctx, request.query),
  );

  app.get(
    '/api/plans',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Kế hoạch chuyển hóa trong phạm vi / plans in your scope',
        querystring: PlansQuery,
        response: { 200: PlansResponse, ...errorResponses(400) },
      },
    },
    async (request) => ({ plans: await plans.list(request.ctx, request.query) }),
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
    async (request, reply) => reply.status(201).send(await plans.create(request.ctx, request.body)),
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
    async (request) => plans.detail(request.ctx, request.params.id),
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
    async (request) => plans.update(request.ctx, request.params.id, request.body),
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
    async (request) => plans.putItems(request.ctx, request.params.id, request.body.items),
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
    async (request) => plans.submit(request.ctx, request.params.id, request.body.comment ?? ''),
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
    async (request) => plans.approve(request.ctx, request.params.id, request.body.comment ?? ''),
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
    async (request) => plans.return(request.ctx, request.params.id, request.body.comment),
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
      await plans.delete(request.ctx, request.params.id);
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
    async (request) => planReports.progress(request.ctx, request.params.id),
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
    async (request, reply) =>
      sendDownload(reply, await planReports.download(request.ctx, request.params.id, request.query.format ?? 'xlsx')),
  );
};
