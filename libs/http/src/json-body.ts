import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { invalidField } from './validation-pipe';
import { AppError } from './app-error';

/** Deeper JSON than this is refused before validation walks it. */
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface BodyParserError {
  type?: unknown;
  limit?: unknown;
}

/**
 * The body-parser failure as an AppError with a stable code, or null when `error` is not one.
 * The parser's own messages quote the body (JSON.parse does): they are never passed on.
 */
export function bodyParserError(error: unknown): AppError | null {
  if (typeof error !== 'object' || error === null) return null;
  const { type, limit } = error as BodyParserError;
  switch (type) {
    case 'entity.parse.failed':
      return new AppError('MALFORMED_JSON', 'the body is not valid JSON (an object is expected)', HttpStatus.BAD_REQUEST);
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', `the body is larger than ${typeof limit === 'number' ? `${limit} bytes` : 'the limit'}`, HttpStatus.PAYLOAD_TOO_LARGE);
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_CHARSET', 'JSON bodies must be UTF-8', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    case 'encoding.unsupported':
      return new AppError('UNSUPPORTED_CONTENT_ENCODING', 'compressed request bodies are not accepted', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    case 'request.aborted':
      return new AppError('REQUEST_ABORTED', 'the request body ended early', HttpStatus.BAD_REQUEST);
    case 'request.size.invalid':
      return new AppError('INVALID_CONTENT_LENGTH', 'the body does not match its Content-Length', HttpStatus.BAD_REQUEST);
    default:
      return null;
  }
}

/** Express error middleware placed right after the JSON parsers. */
export function mapBodyParserErrors() {
  return (error: unknown, _request: Request, _response: Response, next: NextFunction): void => {
    next(bodyParserError(error) ?? error);
  };
}

/**
 * The first place in a parsed JSON body where an operator or prototype key appears (`kind.$gt`),
 * or where nesting is deeper than MAX_JSON_DEPTH; null when the body is clean. Keys starting with
 * `$` are MongoDB operators and never a field of ours, wherever they appear.
 */
export function findHostileJson(value: unknown, path = '', depth = 0): { field: string; reason: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_JSON_DEPTH) return { field: path || 'body', reason: `nesting deeper than ${MAX_JSON_DEPTH} levels` };
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  for (const [key, child] of entries) {
    const field = path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && (key.startsWith('$') || FORBIDDEN_KEYS.has(key))) {
      return { field: path || key, reason: key.startsWith('$') ? 'operator objects are not accepted as values' : `the key ${key} is not accepted` };
    }
    const found = findHostileJson(child, field, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * After the JSON parsers: the body of a JSON request must be one object (no top-level array), with
 * no operator keys anywhere (`{"kind": {"$gt": ""}}` → 400 naming `kind`) and bounded nesting.
 */
export function rejectHostileJson() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const body: unknown = request.body;
    if (body === undefined || !request.is('application/json')) {
      next();
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      next(new AppError('BODY_NOT_OBJECT', 'the body must be one JSON object', HttpStatus.BAD_REQUEST));
      return;
    }
    const found = findHostileJson(body);
    if (!found) {
      next();
      return;
    }
    next(invalidField(found.field, found.reason));
  };
}

