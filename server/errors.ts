/**
 * Errors the services throw for bad requests. Routes do not catch them: the app's error handler
 * turns them into `{statusCode, error, message, field}` JSON with the right status.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
    /** Extra machine-readable detail for the client, e.g. an import's per-row report. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, message, field);
export const notFound = (message: string, field?: string) => new AppError(404, message, field);
export const forbidden = (message: string) => new AppError(403, message);
export const conflict = (message: string, field?: string) => new AppError(409, message, field);
