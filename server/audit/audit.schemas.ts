/** One write or sign-in event as `/api/admin/audit` lists it (newest first). */
import { Type, type Static } from 'typebox';
import { Id, Int } from '../http/numbers.ts';
import { DateParam } from '../http/params.schemas.ts';

export const AuditRow = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  user_id: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entity_type: Type.String(),
  entity_id: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const AuditQuery = Type.Object(
  {
    user_id: Type.Optional(Id()),
    entity_type: Type.Optional(Type.String({ maxLength: 64 })),
    entity_id: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    unit: Type.Optional(Id('unit id: entries about the unit or about its values, hotspots, crosswalk rows')),
    from: Type.Optional(DateParam),
    to: Type.Optional(DateParam),
    limit: Int({ minimum: 1, maximum: 1000, default: 100 }),
    offset: Int({ minimum: 0, maximum: 10_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
