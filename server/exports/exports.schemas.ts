import { Type, type Static } from 'typebox';
import { Id, Int } from '../http/numbers.ts';
import { Text } from '../http/params.schemas.ts';

/** `POST /api/exports`: a PNG or PDF the browser drew, announced before it is handed over (audited). */
export const ExportNoticeBody = Type.Object(
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
);
export type ExportNoticeBody = Static<typeof ExportNoticeBody>;
