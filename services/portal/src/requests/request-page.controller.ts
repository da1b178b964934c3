import { Body, Controller, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { REQUEST_TYPES, type RequestType } from '@handover/domain';
import { invalidField } from '@handover/http';
import { CustomerLinkGuard, VerifiedLink, type CustomerLink } from '../customers/customer-link';
import { localeOf } from '../pages/i18n';
import { CsrfTokens } from '../security/csrf';
import { ReadableBodyGuard } from '../security/deferred-body';
import { FilePortalRequestUseCase } from './file-portal-request.use-case';

const isRequestType = (value: unknown): value is RequestType => typeof value === 'string' && (REQUEST_TYPES as readonly string[]).includes(value);

/** The customer page's request form: `POST /c/{token}/requests` (CSRF field), then 303 back to the page. */
@Controller('c')
@UseGuards(CustomerLinkGuard, ReadableBodyGuard)
export class RequestPageController {
  constructor(private readonly fileRequest: FilePortalRequestUseCase, private readonly csrf: CsrfTokens) {}

  @Post(':token/requests')
  async file(@VerifiedLink() link: CustomerLink, @Body() body: Record<string, unknown> | undefined, @Query('lang') queryLang: unknown, @Res() response: Response): Promise<void> {
    const form = body ?? {};
    this.csrf.requireForm(link.token, form);
    const type = form['type'];
    if (!isRequestType(type)) {
      throw invalidField('type', `must be one of ${REQUEST_TYPES.join(', ')}`);
    }
    const message = typeof form['message'] === 'string' ? form['message'].slice(0, 5000) : undefined;
    const locale = localeOf(form['lang'] ?? queryLang);
    await this.fileRequest.execute({ link, type, ...(message !== undefined && { message }), channel: 'portal-html', locale });
    const query = new URLSearchParams({ requested: type, ...(locale === 'en' && { lang: 'en' }) });
    response.redirect(303, `/c/${link.token}?${query.toString()}`);
  }
}
