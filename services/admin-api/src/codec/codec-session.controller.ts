import { Controller, ForbiddenException, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/roles';
import { requireSameOrigin } from '../common/same-origin';
import { CODEC_COOKIE, CODEC_COOKIE_MAX_AGE_SECONDS, isCookieSafeToken } from './codec-credentials';
import { renderCodecSignInPage } from './codec-session.page';

function cookie(request: Request, value: string, maxAgeSeconds: number): string {
  return [`${CODEC_COOKIE}=${value}`, 'Path=/codec', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(request.secure ? ['Secure'] : [])].join('; ');
}

/**
 * Browser sign-in for the codec: the Temporal UI sends cookies with "include cross-origin
 * credentials", never our bearer token. POST checks the posted token through the guard (roles as
 * for /codec/decode) and stores it in the codec cookie.
 */
@ApiExcludeController()
@Controller('codec/session')
export class CodecSessionController {
  @Public()
  @Get()
  page(@Res() response: Response): void {
    response.type('text/html; charset=utf-8').send(renderCodecSignInPage('form'));
  }

  @Post()
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  signIn(@Req() request: Request, @Res() response: Response): void {
    requireSameOrigin(request);
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !isCookieSafeToken(token)) throw new ForbiddenException({ statusCode: 403, code: 'FORBIDDEN', message: 'this token cannot be kept in a cookie' });
    response.setHeader('Set-Cookie', cookie(request, token, CODEC_COOKIE_MAX_AGE_SECONDS));
    response.type('text/html; charset=utf-8').send(renderCodecSignInPage('signed-in'));
  }

  @Public()
  @Post('end')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  signOut(@Req() request: Request, @Res() response: Response): void {
    response.setHeader('Set-Cookie', cookie(request, '', 0));
    response.type('text/html; charset=utf-8').send(renderCodecSignInPage('signed-out'));
  }
}
