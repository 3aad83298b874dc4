import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue, isAppError } from '../platform/errors.js';

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/**
 * One error handler for the whole API: AppErrors keep their code; validation problems become
 * `validation_failed` with an issue per field; framework errors map to stable codes; anything else is
 * a generic 500 whose detail goes only to the log, under the request id.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    }
    return sendError(reply, request, appError);
  });
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  const body: ErrorBody = {
    error: {
      code: error.code,
      message:
        error.status >= 500
          ? `Something went wrong on our side. Quote this reference: ${request.id}.`
          : error.message,
      ...(error.details && error.status < 500 ? { details: error.details } : {}),
    },
  };
  return reply.status(error.status).type('application/json; charset=utf-8').send(body);
}

function toAppError(error: FastifyError): AppError {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((issue) => ({
      path: [locationOf(error.validationContext), ...pathOf(issue.instancePath)].filter(Boolean).join('.'),
      code: String(issue.keyword ?? 'invalid'),
      message: issue.message ?? 'Not valid.',
    }));
    return new AppError('validation_failed', 'Some fields are not valid.', { issues });
  }
  if (isResponseSerializationError(error))
    return new AppError('internal', 'Response did not match its schema.');
  return fromFramework(error);
}

function fromFramework(error: FastifyError): AppError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send JSON (Content-Type: application/json).');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('bad_request', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_request', 'The request body is not valid JSON.');
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  if (status === 429)
    return new AppError('too_many_requests', 'Too many requests. Wait a minute and try again.');
  if (status === 413) return new AppError('payload_too_large', 'The request body is too large.');
  if (status === 415)
    return new AppError('unsupported_media_type', 'Send JSON (Content-Type: application/json).');
  if (status === 405) return new AppError('method_not_allowed', 'This method is not allowed here.');
  if (status >= 400 && status < 500) return new AppError('bad_request', 'The request is not valid.');
  return new AppError('internal', 'Internal error.');
}

function locationOf(context: string | undefined): string {
  return context === 'body' || context === undefined ? '' : context;
}

function pathOf(instancePath: string): string[] {
  return instancePath.split('/').filter(Boolean);
}
