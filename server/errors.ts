/**
 * Errors the services throw for bad requests. Routes do not catch them: the app's error handler
 * turns them into `{statusCode, error, code, params, message, field}` JSON with the right status.
 *
 * `code` is stable and machine-readable (`auth.password_too_common`, `params.not_integer`…) and
 * `params` holds the values its text needs, so the web renders the error in the chosen language;
 * `message` stays bilingual for API clients and logs.
 */
export class AppError extends Error {
  readonly code: string;
  readonly params: Record<string, unknown>;

  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
    /** Extra machine-readable detail for the client, e.g. an import's per-row report. */
    readonly details?: unknown,
    code?: string,
    params?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code ?? DEFAULT_CODES[statusCode] ?? 'error';
    this.params = params ?? (field ? { field } : {});
  }
}

/** The code of an error that names none of its own: the kind of refusal its status means. */
export const DEFAULT_CODES: Record<number, string> = {
  400: 'request.invalid',
  401: 'auth.required',
  403: 'auth.forbidden',
  404: 'not_found',
  408: 'request.timeout',
  409: 'conflict',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  423: 'auth.account_locked',
  429: 'request.rate_limited',
  500: 'server.error',
};

interface Coded {
  code?: string;
  params?: Record<string, unknown>;
}

export const badRequest = (message: string, field?: string, coded: Coded = {}) =>
  new AppError(400, message, field, undefined, coded.code, coded.params);
export const notFound = (message: string, field?: string, coded: Coded = {}) =>
  new AppError(404, message, field, undefined, coded.code, coded.params);
export const forbidden = (message: string, coded: Coded = {}) =>
  new AppError(403, message, undefined, undefined, coded.code, coded.params);
export const conflict = (message: string, field?: string, coded: Coded = {}) =>
  new AppError(409, message, field, undefined, coded.code, coded.params);

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
    `Không có ${THINGS[thing]} #${id} trong phạm vi của bạn / no ${thing} ${id} in your scope`,
    field,
    undefined,
    `${thing}.not_found`,
    { id, field },
  );
}
