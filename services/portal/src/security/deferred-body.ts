import { BadRequestException, HttpException, HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

type BodyRequest = Request & { bodyError?: { status?: unknown } };

/**
 * Runs a body parser but keeps its failure (malformed JSON, too large) on the request instead of
 * answering at once, so that the link is verified first: a bad link gets the generic 404 whatever
 * its body. ReadableBodyGuard raises the failure after the link guard.
 */
export function deferBodyErrors(parser: RequestHandler): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    void parser(request, response, (error?: unknown) => {
      if (error) {
        (request as BodyRequest).bodyError = typeof error === 'object' && error !== null ? (error as { status?: unknown }) : {};
        request.body = undefined;
      }
      next();
    });
  };
}

/** Fails a request whose body could not be parsed: 413 when too large, else 400. Never quotes the body. */
@Injectable()
export class ReadableBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const failure = context.switchToHttp().getRequest<BodyRequest>().bodyError;
    if (!failure) return true;
    if (failure.status === HttpStatus.PAYLOAD_TOO_LARGE) {
      throw new HttpException({ statusCode: 413, code: 'BODY_TOO_LARGE', message: 'the request body is too large' }, HttpStatus.PAYLOAD_TOO_LARGE);
    }
    throw new BadRequestException({ statusCode: 400, code: 'MALFORMED_BODY', message: 'the request body could not be read' });
  }
}
