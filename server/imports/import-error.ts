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
  return new AppError(400, message, field, details, `import.${code}`, params) as ImportError;
}
