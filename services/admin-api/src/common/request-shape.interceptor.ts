import { HttpStatus, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { AppError } from '@handover/http';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/** Where @nestjs/swagger's @ApiConsumes keeps its media types (DECORATORS.API_CONSUMES). */
export const API_CONSUMES_METADATA = 'swagger/apiConsumes';
const JSON_ONLY: readonly string[] = ['application/json'];
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const MAX_PARAM_LENGTH = 256;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** True when the request carries a body: a chunked one, or a Content-Length above zero. */
export function hasBody(request: Pick<Request, 'headers'>): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/** A bounded string without control characters: what an id taken from a request may be. */
export const isPlainParameter = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_PARAM_LENGTH && !CONTROL.test(value);

/** 400 INVALID_PATH_PARAMETER naming the first path parameter that is not a plain parameter. */
export function checkPathParameters(params: Readonly<Record<string, unknown>> | undefined): void {
  for (const [name, value] of Object.entries(params ?? {})) {
    if (!isPlainParameter(value)) {
      throw new AppError('INVALID_PATH_PARAMETER', `path parameter ${name} is not valid`, HttpStatus.BAD_REQUEST);
    }
  }
}

/**
 * After authentication, before validation: a body must be of a media type the route declares
 * (`@ApiConsumes`, JSON when it declares none) → otherwise 415; a path parameter must be a bounded
 * string without control characters → otherwise 400 naming the parameter. Unauthenticated callers
 * get their 401 first and learn nothing about routes.
 */
@Injectable()
export class RequestShapeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    checkPathParameters(request.params);
    if (WITH_BODY.has(request.method) && hasBody(request)) {
      const consumes = this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES_METADATA, [context.getHandler(), context.getClass()]) ?? JSON_ONLY;
      if (!request.headers['content-type'] || !request.is([...consumes])) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `send ${consumes.join(' or ')}`, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
      }
    }
    return next.handle();
  }
}
