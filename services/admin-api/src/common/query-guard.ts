import type { NextFunction, Request, Response } from 'express';
import { invalidField } from '@handover/http';

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** A parameter's name fit to quote back: the part before any bracket, when it is a plain word. */
function nameOf(key: string): string {
  const base = key.split('[')[0] ?? '';
  return SAFE_NAME.test(base) ? base : 'query';
}

/**
 * The first query parameter that is not one plain value: bracket or `$` keys (`status[$ne]=x`, the
 * extended syntax of operator injection), a parameter given twice (an array where a string is
 * expected), or an object. Null when every parameter is a single string.
 */
export function findHostileQuery(query: Readonly<Record<string, unknown>>): { field: string; reason: string } | null {
  for (const [key, value] of Object.entries(query)) {
    if (key.includes('[') || key.includes(']') || key.startsWith('$')) {
      return { field: nameOf(key), reason: 'operators and brackets are not accepted in query parameters' };
    }
    if (Array.isArray(value)) return { field: nameOf(key), reason: 'given more than once' };
    if (typeof value === 'object' && value !== null) return { field: nameOf(key), reason: 'operator objects are not accepted as values' };
  }
  return null;
}

/** 400 naming the parameter (never its value) before any controller sees the query. */
export function rejectHostileQuery() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const found = findHostileQuery(request.query as Record<string, unknown>);
    next(found ? invalidField(found.field, found.reason) : undefined);
  };
}
