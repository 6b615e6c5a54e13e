import type { ErrorCode, ErrorParams } from './http/errors.schemas.ts';

export type { ErrorCode } from './http/errors.schemas.ts';

export interface ErrorOptions {
  /** The request field the error is about; also put in `params.field`. */
  field?: string;
  /** The values the error's text needs (its code's entry in ERROR_CODES names them). */
  params?: Record<string, unknown>;
  /** Extra machine-readable detail, e.g. an import's report by row. */
  details?: unknown;
}

/**
 * Errors the services throw for requests they refuse. Routes do not catch them: the app's error
 * handler turns them into `{statusCode, error, code, params, message, field}` JSON.
 *
 * `code` is one of ERROR_CODES (server/http/errors.schemas.ts), stable and machine-readable;
 * `params` hold the values its text needs, so the web renders the error in the chosen language;
 * `message` stays bilingual for API clients and logs.
 */
export class AppError extends Error {
  readonly field: string | undefined;
  readonly params: Record<string, unknown>;
  readonly details: unknown;

  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    opts: ErrorOptions = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.field = opts.field;
    this.params = { ...(opts.field ? { field: opts.field } : {}), ...opts.params };
    this.details = opts.details;
  }
}

/** The code of an error the framework raised by itself (no AppError): the kind its status means. */
export const DEFAULT_CODES: Record<number, ErrorCode> = {
  400: 'request.invalid',
  401: 'auth.required',
  403: 'auth.forbidden',
  404: 'not_found',
  408: 'request.timeout',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  429: 'request.rate_limited',
  500: 'server.error',
};

/** Options with the params typed by the code's entry. */
type Opts<C extends ErrorCode> = Omit<ErrorOptions, 'params'> & { params?: ErrorParams<C> };

export const badRequest = <C extends ErrorCode>(code: C, message: string, opts?: Opts<C>) =>
  new AppError(400, code, message, opts);
export const forbidden = <C extends ErrorCode>(code: C, message: string, opts?: Opts<C>) =>
  new AppError(403, code, message, opts);
export const notFound = <C extends ErrorCode>(code: C, message: string, opts?: Opts<C>) =>
  new AppError(404, code, message, opts);
export const conflict = <C extends ErrorCode>(code: C, message: string, opts?: Opts<C>) =>
  new AppError(409, code, message, opts);

/** The things a scoped user may ask for by id; each has one "not found" answer. */
const THINGS = {
  unit: 'đơn vị',
  hotspot: 'địa bàn phức tạp',
  plan: 'kế hoạch',
  view: 'bản đồ đã lưu',
  briefing: 'buổi trình chiếu',
  user: 'người dùng',
  token: 'mã truy cập',
  feature: 'đối tượng',
} as const;
export type Thing = keyof typeof THINGS;

/**
 * The one answer for a thing that does not exist *or* lies outside the caller's scope: the same
 * status, code, text and fields either way, naming only the id the caller sent — never a code or a
 * name they could not otherwise see. Services call this instead of telling the two cases apart.
 */
export function notFoundInScope(thing: Thing, id: number | string, field = 'id'): AppError {
  return new AppError(
    404,
    `${thing}.not_found`,
    `Không có ${THINGS[thing]} #${id} trong phạm vi của bạn / no ${thing} ${id} in your scope`,
    { field, params: { id } },
  );
}
