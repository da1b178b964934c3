import { HttpException, HttpStatus } from '@nestjs/common';
import { bodyParserError } from './json-body';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [extra: string]: unknown;
}

/** Path parameter values that are our own ids (`cs_…`, `key_…`) or plain lowercase words (gate names, `global`). */
const SAFE_PARAM = /^(?:[a-z]{2,8}_[A-Za-z0-9_-]{4,64}|[a-z]{1,32}(?:-[a-z]{1,32}){0,3})$/;
/** Field names fit to quote back (`transferor.name`, `kind.$gt`, `reminders.0`). */
const SAFE_FIELD_SEGMENT = /^(?:[A-Za-z_$][A-Za-z0-9_$-]{0,63}|\d{1,6})$/;
/** Built-in Nest pipe messages, which never quote the value. */
const NEST_PIPE_MESSAGE = /^Validation failed \([a-z ]+\)$/;

const statusName = (status: number): string => HttpStatus[status] ?? 'ERROR';
const generic = (status: number): ErrorBody => ({
  statusCode: status,
  code: statusName(status),
  message: statusName(status).toLowerCase().replace(/_/g, ' '),
});

export const INTERNAL_ERROR: Readonly<ErrorBody> = { statusCode: 500, code: 'INTERNAL', message: 'internal error' };

/**
 * What a client is told about a failure. Our own errors (a body with a `code`) pass, with any path
 * parameter value that is not an id of ours replaced by its name (`case {id} not found`: a phone
 * number typed into a URL is not echoed). Framework errors keep their status and get a code and a
 * fixed message: their texts quote input (the JSON parser's, Express's "Cannot GET /…", "Failed to
 * decode param '…'"). Anything else is a 500 that says nothing.
 */
export function errorBody(exception: unknown, params: Readonly<Record<string, unknown>> = {}): ErrorBody {
  const parserError = bodyParserError(exception);
  if (parserError) return errorBody(parserError, params);
  if (!(exception instanceof HttpException)) {
    const status = httpErrorStatus(exception);
    return status ? generic(status) : { ...INTERNAL_ERROR };
  }
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && typeof (response as { code?: unknown }).code === 'string') {
    const own = response as ErrorBody;
    if (status >= 500 && own.code === 'INTERNAL') return { ...INTERNAL_ERROR };
    return sanitise({ ...own, statusCode: status }, params);
  }
  if (status >= 500) return { ...INTERNAL_ERROR };
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  if (typeof message === 'string') {
    if (message.startsWith('Failed to decode param')) {
      return { statusCode: 400, code: 'MALFORMED_PATH', message: 'the request path is not valid percent-encoding' };
    }
    if (status === 400 && /JSON/.test(message) && !NEST_PIPE_MESSAGE.test(message)) {
      return { statusCode: 400, code: 'MALFORMED_JSON', message: 'the body is not valid JSON (an object is expected)' };
    }
    if (status === 404 && message.startsWith('Cannot ')) return { statusCode: 404, code: 'NOT_FOUND', message: 'no such route' };
    if (NEST_PIPE_MESSAGE.test(message)) return { statusCode: status, code: status === 400 ? 'VALIDATION_FAILED' : statusName(status), message };
  }
  return generic(status);
}

/** A 4xx error raised outside Nest (http-errors from Express and its parsers): its status, else null. */
function httpErrorStatus(exception: unknown): number | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { status, statusCode, expose } = exception as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  return expose === true && typeof code === 'number' && code >= 400 && code < 500 ? code : null;
}

function sanitise(body: ErrorBody, params: Readonly<Record<string, unknown>>): ErrorBody {
  let message = body.message;
  if (typeof message === 'string') {
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' && value.length >= 3 && !SAFE_PARAM.test(value)) message = message.split(value).join(`{${name}}`);
    }
  } else {
    message = statusName(body.statusCode).toLowerCase().replace(/_/g, ' ');
  }
  const out: ErrorBody = { ...body, message };
  if (Array.isArray(body['fields'])) {
    out['fields'] = (body['fields'] as Array<{ field?: unknown; reason?: unknown }>).map((f) => {
      const field = safeFieldPath(f.field);
      if (field === f.field) return f;
      // class-validator's reason quotes the key too ("<key> should not exist").
      return { field, reason: typeof f.reason === 'string' && f.reason.endsWith('should not exist') ? 'is not a field of this request' : 'is not valid' };
    });
    if (body.code === 'VALIDATION_FAILED') {
      const names = [...new Set((out['fields'] as Array<{ field: string }>).map((f) => f.field))];
      out.message = `invalid request: ${names.join(', ')}`;
    }
  }
  return out;
}

/**
 * A dotted field path fit to quote, or `(unnamed)` when any segment is not a plain name: a client's
 * key may be an email, whose dots split it into segments that each look harmless.
 */
export function safeFieldPath(field: unknown): string {
  if (typeof field !== 'string') return '(unnamed)';
  return field.split('.').every((segment) => SAFE_FIELD_SEGMENT.test(segment)) ? field : '(unnamed)';
}
