import { AppError } from '../errors.ts';

/**
 * A refused upload, with a stable code (`import.not_zip`, `import.unsafe_path`…) and its values, so
 * a client can say it in its own language; the message stays bilingual for API clients. It never
 * quotes the file's bytes, only names and numbers the server has checked.
 */
export type ImportError = AppError & { code: string; params: Record<string, unknown> };

export function importError(
  code: string,
  message: string,
  params: Record<string, unknown> = {},
  field = 'file',
  details?: unknown,
): ImportError {
  // TODO(merge #12): AppError gains `code` and `params`; pass them to its constructor then.
  return Object.assign(new AppError(400, message, field, details), { code: `import.${code}`, params });
}
