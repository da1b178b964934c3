import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from '@handover/logging';
import { errorBody, type ErrorBody } from '@handover/http';
import { sendHtml } from '../pages/send-html';
import { renderErrorPage } from '../pages/error.page';

/** The one body of every 404: a bad link, an unknown customer and an unknown route look the same. */
export const NOT_FOUND_BODY = { statusCode: 404, code: 'NOT_FOUND', message: 'not found' } as const;

const JSON_PATHS = /^\/(api|health)(\/|$)/;

/**
 * Errors as JSON under /api (and /health), as a bilingual page elsewhere. 404s are generic. Logs
 * carry the status and error name only: paths hold link tokens, bodies may hold personal data.
 */
@Catch()
export class PortalExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status >= 500) {
      this.logger.error({ status, err: exception instanceof Error ? exception.name : typeof exception }, 'request failed');
    }
    if (response.headersSent) return;
    if (JSON_PATHS.test(request.path)) {
      response.status(status).json(this.jsonBody(exception, status));
    } else {
      sendHtml(response, status, renderErrorPage(status));
    }
  }

  /** The admin API's error body (libs/http errorBody), except that every 404 is the one generic body. */
  private jsonBody(exception: unknown, status: number): ErrorBody {
    if (status === HttpStatus.NOT_FOUND) return { ...NOT_FOUND_BODY };
    if (status >= 500 || !(exception instanceof HttpException)) return { statusCode: status, code: 'INTERNAL', message: 'internal error' };
    return errorBody(exception);
  }
}
