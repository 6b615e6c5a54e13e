/**
 * Where a failed request's message goes in a form: next to the field the server names
 * (`{field: "username"}`, or `scope_unit_ids.0` for an item of a list), or above the form when the
 * field is not one of the form's own (or there is none). The message is in the chosen language.
 */
import { describeError } from '../api/errors.ts';

export interface PlacedError {
  /** One of the form's fields, or null for the form as a whole. */
  field: string | null;
  message: string;
}

export function placeError(err: unknown, fields: readonly string[]): PlacedError {
  const message = describeError(err);
  const raw = typeof err === 'object' && err !== null && 'field' in err ? (err as { field?: unknown }).field : null;
  const field = typeof raw === 'string' ? raw.split(/[./[]/)[0]! : null;
  return { field: field && fields.includes(field) ? field : null, message };
}
