import { AppError, type ErrorCode } from '../../errors.ts';

/** The codes of refused uploads, without their `import.` prefix (`not_zip`, `unsafe_path`…). */
export type ImportErrorCode = ErrorCode extends infer C ? (C extends `import.${infer S}` ? S : never) : never;

/**
 * A refused upload, with a stable code (`import.not_zip`, `import.unsafe_path`…) and its values, so
 * a client can say it in its own language; the message stays bilingual for API clients. It never
 * quotes the file's bytes, only names and numbers the server has checked.
 */
export function importError(
  code: ImportErrorCode,
  message: string,
  params: Record<string, unknown> = {},
  field = 'file',
  details?: unknown,
): AppError {
  return new AppError(400, `import.${code}`, message, { field, params, details });
}
