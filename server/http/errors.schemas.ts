/**
 * The error body of every 4xx/5xx answer: `field` names the request field it is about. Shared by
 * every route's response schemas and by the web, which shows it to the user.
 */
import { Type } from 'typebox';

export const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  details: Type.Optional(Type.Unknown()),
});
