import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiResponse, type ApiResponseOptions } from '@nestjs/swagger';

type Described = string | undefined;

/** The documented answers of one operation: success bodies as swagger options, errors as their description. */
export interface ApiDocResponses {
  ok?: ApiResponseOptions;
  created?: ApiResponseOptions;
  accepted?: ApiResponseOptions;
  noContent?: Described;
  badRequest?: Described;
  unauthorized?: Described;
  forbidden?: Described;
  notFound?: Described;
  conflict?: Described;
  gone?: Described;
  payloadTooLarge?: Described;
  unsupportedMediaType?: Described;
  found?: Described;
  badGateway?: Described;
  serviceUnavailable?: Described;
}

const SUCCESS = { ok: HttpStatus.OK, created: HttpStatus.CREATED, accepted: HttpStatus.ACCEPTED } as const;
const ERRORS = {
  noContent: HttpStatus.NO_CONTENT,
  found: HttpStatus.FOUND,
  badRequest: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  notFound: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  gone: HttpStatus.GONE,
  payloadTooLarge: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupportedMediaType: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  badGateway: HttpStatus.BAD_GATEWAY,
  serviceUnavailable: HttpStatus.SERVICE_UNAVAILABLE,
} as const;

/**
 * One operation's OpenAPI documentation in one decorator: its summary and the answers it gives
 * (each becomes the `@ApiResponse` of its status). A key present with `undefined` documents the
 * status without a description.
 */
export function ApiDoc(summary: string, responses: ApiDocResponses = {}, security?: []): MethodDecorator {
  const decorators: Array<MethodDecorator> = [ApiOperation({ summary, ...(security && { security }) })];
  for (const [key, status] of Object.entries(SUCCESS) as Array<[keyof typeof SUCCESS, HttpStatus]>) {
    const options = responses[key];
    if (options) decorators.push(ApiResponse({ ...options, status } as ApiResponseOptions));
  }
  for (const [key, status] of Object.entries(ERRORS) as Array<[keyof typeof ERRORS, HttpStatus]>) {
    if (!(key in responses)) continue;
    const description = responses[key];
    decorators.push(ApiResponse({ status, ...(description !== undefined && { description }) }));
  }
  return applyDecorators(...decorators);
}

/** ApiDoc for an operation that takes no token (`security: []`): sign-in, health. */
export const PublicApiDoc = (summary: string, responses: ApiDocResponses = {}): MethodDecorator => ApiDoc(summary, responses, []);
