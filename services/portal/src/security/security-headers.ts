import type { NextFunction, Request, Response } from 'express';
import { PAGE_CSS_HASH } from '../pages/page-style';

/** Helmet-like headers, set by hand: every response (pages, JSON, errors). */
export function securityHeaders(options: { https: boolean }): (request: Request, response: Response, next: NextFunction) => void {
  const headers: Record<string, string> = {
    'Content-Security-Policy': [
      "default-src 'self'",
      `style-src '${PAGE_CSS_HASH}'`,
      "img-src 'self' data:",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    // The link token is in the URL: never send it on as a Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    // Pages carry personal data (the recipient's contact, the customer's answer): never cache.
    'Cache-Control': 'no-store',
    ...(options.https && { 'Strict-Transport-Security': 'max-age=31536000' }),
  };
  return (_request, response, next) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    next();
  };
}
