import { ForbiddenException } from '@nestjs/common';
import type { Request } from 'express';

/**
 * A sign-in posted from another site is refused (a page elsewhere must not sign this browser in).
 * Browsers say where a request comes from in Sec-Fetch-Site; Origin is only the fallback, as the
 * no-referrer policy makes a browser send `Origin: null` even for a form of this origin.
 */
export function requireSameOrigin(request: Request): void {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const refused =
    site !== undefined ? site !== 'same-origin' && site !== 'none' : origin !== undefined && origin !== `${request.protocol}://${request.get('host') ?? ''}`;
  if (refused) {
    throw new ForbiddenException({ statusCode: 403, code: 'CROSS_ORIGIN_FORM', message: 'sign in from this API\'s own page' });
  }
}
