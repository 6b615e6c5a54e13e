import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { refusalKind } from '../audit/refusals.ts';
import { AppError, DEFAULT_CODES } from '../errors.ts';
import { NUMERIC_KEYWORD, type NumericProblem } from './numbers.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  423: 'Locked',
  429: 'Too Many Requests',
};

interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  params: Record<string, unknown>;
  message: string;
  field?: string;
  details?: unknown;
}

/**
 * Turns every error into `{statusCode, error, code, params, message, field?}`. Client errors say
 * which parameter is wrong (in `field` and `params.field`) with a stable `code`; server errors are
 * logged with their stack and answered without it (no SQL, no paths). Refusals (401, 403, 423, 429)
 * are counted and sampled into the audit log on their way out (audit/refusals.ts).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    const body = errorBody(err);
    if (body.statusCode >= 500) request.log.error({ err }, 'request failed');
    const tried = err instanceof AppError && typeof err.params.username === 'string' ? err.params.username : null;
    noteRefusal(app, request, body, tried);
    if (body.statusCode === 429 && typeof body.params.retry_after_s === 'number') {
      reply.header('retry-after', String(body.params.retry_after_s));
    }
    return reply.status(body.statusCode).send(body);
  });

  // A path no route matches: the same plain answer whatever was asked, so it tells nothing of what exists.
  app.setNotFoundHandler((_request, reply) => {
    reply.status(404).header('cache-control', 'no-store').send({
      statusCode: 404,
      error: 'Not Found',
      code: 'not_found',
      params: {},
      message: 'Không tìm thấy / not found',
    });
  });
}

/** `tried`: the account name a failed sign-in typed (kept for the audit log, never sent back). */
function noteRefusal(app: FastifyInstance, request: FastifyRequest, body: ErrorBody, tried: string | null): void {
  const kind = refusalKind(body.statusCode, body.code);
  if (!kind) return;
  app.services.refusals.note(kind, {
    ip: request.ip ?? null,
    userId: request.ctx?.actor?.id ?? null,
    username: request.ctx?.actor?.username ?? tried,
    method: request.method,
    route: request.routeOptions.url ?? null,
    code: body.code,
    status: body.statusCode,
  });
}

export function errorBody(err: FastifyError | AppError): ErrorBody {
  if (err instanceof AppError) {
    const params = { ...err.params };
    // The username a failed login tried is for the audit log, not for the answer.
    delete params.username;
    return {
      statusCode: err.statusCode,
      error: STATUS_TEXT[err.statusCode] ?? 'Error',
      code: err.code,
      params,
      message: err.message,
      ...(err.field ? { field: err.field } : {}),
      ...(err.details !== undefined ? { details: err.details } : {}),
    };
  }
  const fe = err as FastifyError;
  if (fe.validation) return validationBody(fe);
  const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status >= 500) {
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'server.error',
      params: {},
      message: 'Lỗi máy chủ / internal server error',
    };
  }
  const params: Record<string, unknown> = {};
  // The rate limiter's answer (its errorResponseBuilder in app.ts) carries the wait.
  const retry = (fe as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof retry === 'number') params.retry_after_s = retry;
  return {
    statusCode: status,
    error: STATUS_TEXT[status] ?? 'Error',
    code: DEFAULT_CODES[status] ?? 'request.invalid',
    params,
    message: fe.message,
  };
}

function validationBody(fe: FastifyError): ErrorBody {
  const v = fe.validation![0];
  const vp = (v?.params ?? {}) as Record<string, unknown>;
  const path = (v?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = vp.missingProperty as string | undefined;
  const extra = vp.additionalProperty as string | undefined;
  const allowed = vp.allowedValues as unknown[] | undefined;
  const field = missing
    ? path
      ? `${path}.${missing}`
      : missing
    : (extra ?? (path || fe.validationContext || 'request'));
  const where = fe.validationContext ?? 'request';
  let code = 'params.invalid';
  let detail = v?.message ?? 'invalid';
  const params: Record<string, unknown> = { field, in: where };
  if (v?.keyword === NUMERIC_KEYWORD) {
    code = vp.code as NumericProblem;
    params.minimum = vp.minimum;
    params.maximum = vp.maximum;
  } else if (missing) {
    code = 'params.missing';
  } else if (extra) {
    code = 'params.unknown';
    detail = 'is not an allowed parameter';
  } else if (allowed) {
    code = 'params.not_allowed';
    detail = `must be one of ${allowed.join(', ')}`;
    params.allowed = allowed;
  } else if (v?.keyword) {
    params.rule = v.keyword;
    for (const k of ['limit', 'pattern', 'format', 'type'] as const) if (vp[k] !== undefined) params[k] = vp[k];
  }
  return {
    statusCode: 400,
    error: 'Bad Request',
    code,
    params,
    message: `Tham số không hợp lệ / invalid ${where} parameter "${field}": ${detail}`,
    field,
  };
}
