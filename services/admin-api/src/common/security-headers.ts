import type { NextFunction, Request, Response } from 'express';

/** The API answers JSON: nothing may load, frame or submit from its responses. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI (/docs): its own scripts and stylesheet from this origin, inline styles (the page and
 * the React components set them), data: images (icons), and fetches of /docs-json and the API.
 */
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The console (/console/): scripts, styles and fonts from this origin only; inline styles (Ant
 * Design writes its CSS-in-JS into <style> elements); data: images (icons); fetches of this origin.
 */
const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The codec sign-in page: a plain form posting to this origin, no script, no style. */
const FORM_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const COMMON: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** Paths whose answers carry case data or decoded payloads: never stored by a browser or proxy. */
const NO_STORE = /^\/(v1|codec|auth)(\/|$)/;

export function contentSecurityPolicyFor(path: string): string {
  if (/^\/docs(-json)?(\/|$)/.test(path)) return DOCS_CSP;
  if (/^\/codec\/session(\/|$)/.test(path)) return FORM_CSP;
  if (/^\/console(\/|$)/.test(path)) return CONSOLE_CSP;
  return API_CSP;
}

/** Helmet-like headers set by hand on every response, errors included (registered first). */
export function securityHeaders() {
  return (request: Request, response: Response, next: NextFunction): void => {
    for (const [name, value] of Object.entries(COMMON)) response.setHeader(name, value);
    response.setHeader('Content-Security-Policy', contentSecurityPolicyFor(request.path));
    if (NO_STORE.test(request.path)) response.setHeader('Cache-Control', 'no-store');
    next();
  };
}
