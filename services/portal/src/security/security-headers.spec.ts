import type { Request, Response } from 'express';
import { PAGE_CSS_HASH } from '../pages/page-style';
import { securityHeaders } from './security-headers';

function run(https: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response;
  let called = false;
  securityHeaders({ https })({} as Request, response, () => (called = true));
  expect(called).toBe(true);
  return headers;
}

describe('securityHeaders', () => {
  it('sets the CSP, nosniff, no-referrer, no framing and no caching', () => {
    const headers = run(false);
    const csp = headers['Content-Security-Policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`style-src '${PAGE_CSS_HASH}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY', 'Cache-Control': 'no-store' });
    expect(headers['Strict-Transport-Security']).toBeUndefined();
  });

  it('adds HSTS behind https only', () => {
    expect(run(true)['Strict-Transport-Security']).toBe('max-age=31536000');
  });
});
