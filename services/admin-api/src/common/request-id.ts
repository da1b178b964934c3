import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID = Symbol('requestId');

type WithRequestId = Request & { [REQUEST_ID]?: string };

/**
 * Gives every request an opaque id (`req_…`), answered in `X-Request-Id` and quoted in 500 bodies
 * and logs, so an operator can match a user's report to a log line. A client's own X-Request-Id is
 * ignored: it would be an unchecked string in our logs.
 */
export function requestId() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const id = `req_${randomBytes(9).toString('base64url')}`;
    (request as WithRequestId)[REQUEST_ID] = id;
    response.setHeader('X-Request-Id', id);
    next();
  };
}

/** The id given by {@link requestId}, or `unknown` for a request that did not pass through it. */
export function requestIdOf(request: Request): string {
  return (request as WithRequestId)[REQUEST_ID] ?? 'unknown';
}
