import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { READERS } from '../auth/roles.ts';
import { Id, Int } from '../http/numbers.ts';
import { ErrorResponse } from '../http/params.ts';
import { recordExport } from './exports.service.ts';

const Text = (maxLength: number) => Type.String({ maxLength });

/** Exports made in the browser (map PNGs and PDFs) are announced here, so that they are audited. */
export const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
        body: Type.Object(
          {
            format: Type.Enum(['png', 'pdf']),
            kind: Type.Enum(['map', 'view', 'briefing', 'atlas'], {
              description: 'map = the map as shown; view = a saved view; briefing; atlas = the ward atlas',
            }),
            id: Type.Optional(Id('the saved view or briefing exported')),
            title: Text(300),
            file_name: Text(200),
            indicator: Type.Optional(Text(64)),
            period: Type.Optional(Text(40)),
            paper: Type.Optional(Text(40)),
            pages: Type.Optional(Int({ minimum: 1, maximum: 10000 })),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { format, kind, id, ...detail } = request.body;
      await recordExport(app.services.audit, request, { format, kind, id: id ?? null, detail });
      return reply.code(204).send(null);
    },
  );
};
