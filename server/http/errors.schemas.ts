/**
 * The error body of every 4xx/5xx answer: `code` is stable (`params.not_integer`,
 * `auth.password_too_common`…) and `params` holds its values, so a client renders it in its own
 * language; `message` is bilingual (for API clients); `field` names the request field it is about.
 * Shared by every route's response schemas and by the web, which shows it to the user.
 */
import { Type } from 'typebox';

export const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  code: Type.Optional(Type.String()),
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  details: Type.Optional(Type.Unknown()),
});
