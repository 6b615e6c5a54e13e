import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
};

/**
 * Turns every error into `{statusCode, error, message, field?}`. Client errors say which parameter
 * is wrong; server errors are logged with their stack and answered without it (no SQL, no paths).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({
        statusCode: err.statusCode,
        error: STATUS_TEXT[err.statusCode] ?? 'Error',
        message: err.message,
        ...(err.field ? { field: err.field } : {}),
        ...(err.details !== undefined ? { details: err.details } : {}),
      });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const v = fe.validation[0];
      const path = (v?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      const missing = (v?.params as { missingProperty?: string } | undefined)?.missingProperty;
      const extra = (v?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
      const allowed = (v?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
      const field = missing ?? extra ?? (path || fe.validationContext || 'request');
      let detail = v?.message ?? 'invalid';
      if (extra) detail = 'is not an allowed parameter';
      if (allowed) detail = `must be one of ${allowed.join(', ')}`;
      return reply.status(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: `Tham số không hợp lệ / invalid ${fe.validationContext ?? 'request'} parameter "${field}": ${detail}`,
        field,
      });
    }
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return reply.status(500).send({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Lỗi máy chủ / internal server error',
      });
    }
    return reply
      .status(status)
      .send({ statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message: fe.message });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `Không tìm thấy / not found: ${request.method} ${request.url.split('?')[0]}`,
    });
  });
}
