import type { IncomingMessage } from 'node:http';
import { mapBodyParserErrors, rejectHostileJson } from '@handover/http';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AdminApiConfig } from '@handover/config';
import type { Logger } from '@handover/logging';
import { WindowSlotRepository, type WindowCounter } from '@handover/persistence';
import { CODEC_ENDPOINT, codecCors } from '../codec/codec-cors';
import { codecCookieCredentials, signInFormCredentials } from '../codec/codec-credentials';
import { ApiExceptionFilter } from './api-exception.filter';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { authRateLimit } from './auth-rate-limit.middleware';
import { rejectHostileQuery } from './query-guard';
import { RequestShapeInterceptor } from './request-shape.interceptor';
import { requestId } from './request-id';
import { securityHeaders } from './security-headers';
import { serveConsole } from './console-static';

const pathOf = (request: IncomingMessage): string => (request.url ?? '').split('?')[0] ?? '';
const mediaType = (request: IncomingMessage): string => (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
const isJson = (request: IncomingMessage): boolean => mediaType(request) === 'application/json';
/** The inventory upload streams its body itself, a JSON array included: no body parser reads it. */
const INVENTORY_UPLOAD = /^\/v1\/cases\/[^/]+\/inventory\/?$/;
const isUpload = (request: IncomingMessage): boolean => request.method === 'POST' && INVENTORY_UPLOAD.test(pathOf(request));

/**
 * Everything between the socket and the controllers, in order:
 * security headers → request id → the console's static files → codec CORS (preflights end here) → codec cookie as bearer →
 * authentication-failure limit (429 before any body is read; counted in the shared store `counter`) → query parameters (no operators, no
 * repeats) → JSON bodies only for application/json (1 MB; 4 MB on the codec; anything else, and the
 * streamed inventory upload whatever its type (a JSON array included), is left unread) with parser errors as 400/413/415 codes → operator
 * keys in JSON bodies → the sign-in forms' token as bearer → the failure limit for the sign-in forms (judged
 * by that token). Then Nest: the bearer guard, the request-shape
 * interceptor (415 for a media type the route does not declare, 400 for garbage path parameters),
 * validation, and the exception filter that turns every failure into `{statusCode, code, message}`.
 * The application must be created with `bodyParser: false`.
 */
export function applyHardening(app: NestExpressApplication, config: AdminApiConfig, logger: Logger, counter: WindowCounter = app.get(WindowSlotRepository)): void {
  app.disable('x-powered-by');
  app.set('trust proxy', config.ADMIN_TRUST_PROXY_HOPS);
  app.use(securityHeaders());
  app.use(requestId());
  app.use(serveConsole(config.CONSOLE_DIST_DIR));
  app.use(codecCors(config.TEMPORAL_UI_ORIGIN));
  app.use(codecCookieCredentials());
  const limiter = new AuthFailureLimiter(counter, config.ADMIN_AUTH_FAILURES_PER_MINUTE);
  app.use(authRateLimit(limiter, logger));
  app.use(rejectHostileQuery());
  app.useBodyParser('json', { limit: config.CODEC_BODY_LIMIT_BYTES, inflate: false, type: (request: IncomingMessage) => isJson(request) && CODEC_ENDPOINT.test(pathOf(request)) });
  app.useBodyParser('json', { limit: config.ADMIN_JSON_BODY_LIMIT_BYTES, inflate: false, type: (request: IncomingMessage) => isJson(request) && !CODEC_ENDPOINT.test(pathOf(request)) && !isUpload(request) });
  app.useBodyParser('urlencoded', {
    limit: '4kb',
    extended: false,
    inflate: false,
    type: (request: IncomingMessage) => pathOf(request) === '/codec/session' && mediaType(request) === 'application/x-www-form-urlencoded',
  });
  app.use(mapBodyParserErrors());
  app.use(rejectHostileJson());
  app.use(signInFormCredentials());
  app.use(authRateLimit(limiter, logger, 'sign-in-forms'));
  app.useGlobalInterceptors(new RequestShapeInterceptor(app.get(Reflector)));
  app.useGlobalFilters(new ApiExceptionFilter(logger));
}
