import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { ExportNoticeBody } from './exports.schemas.ts';

/** Exports made in the browser (map PNGs and PDFs) are announced here, so that they are audited. */
export const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { exports } = app.services;

  app.post(
    '/api/exports',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Ghi nhật ký một lần xuất bản đồ (PNG, PDF) / record a map export made in the browser',
        description:
          'The web app calls this before it hands over a PNG or PDF it drew; the export is kept in the audit log ' +
          '(action export.png / export.pdf) with who, when and what. XLSX and CSV downloads are recorded by their own routes.',
        body: ExportNoticeBody,
        response: { 204: Type.Null(), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const { format, kind, id, ...detail } = request.body;
      await exports.record(request.ctx, { format, kind, id: id ?? null, detail });
      return reply.code(204).send(null);
    },
  );
};
