import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { errorBody } from '@handover/http';
import type { Request, Response } from 'express';
import type { Logger } from '@handover/logging';
import { requestIdOf } from './request-id';

/** The constructor name of what was thrown, nothing of its message (messages may quote data). */
export function errorName(exception: unknown): string {
  if (exception instanceof Error) return exception.name || exception.constructor.name;
  return exception === null ? 'null' : typeof exception;
}

/**
 * Where an unexpected error came from, without its text: the names of its causes and the first
 * frame of its stack in the project's own code (a file and line; never a message).
 */
export function errorOrigin(exception: unknown): { causes?: string; at?: string } {
  const causes: string[] = [];
  let cause = exception instanceof Error ? exception.cause : undefined;
  while (cause !== undefined && causes.length < 5) {
    causes.push(errorName(cause));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  const frames = exception instanceof Error ? (exception.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)) : [];
  const own = frames.map((line) => /\(?((?:services|libs|activities|workflows)\/[^():]+:\d+)/.exec(line)?.[1]).find((at) => at !== undefined);
  return { ...(causes.length > 0 && { causes: causes.join(' <- ') }), ...(own && { at: own }) };
}

/**
 * Every error of the admin API as `{statusCode, code, message}` JSON (see errorBody). A 500 adds
 * the request id, and only the error's name, its causes' names, the project file and line it came
 * from (errorOrigin) and that id are logged — never the message, the URL or the body, any of which
 * may carry personal data.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Pick<Logger, 'error'>) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = errorBody(exception, (request.params ?? {}) as Record<string, unknown>);
    const requestId = requestIdOf(request);
    if (body.statusCode >= 500) {
      this.logger.error({ requestId, err: errorName(exception), ...errorOrigin(exception) }, 'request failed');
    }
    if (response.headersSent) {
      // A stream failed after its first bytes: the client sees a truncated answer, never a second one.
      response.destroy();
      return;
    }
    response.status(body.statusCode).json(body.statusCode >= 500 ? { ...body, requestId } : body);
  }
}
