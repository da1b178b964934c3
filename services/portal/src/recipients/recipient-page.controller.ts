import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PortalConfig } from '@handover/config';
import { invalidField } from '@handover/http';
import { sendHtml } from '../pages/send-html';
import { PORTAL_CONFIG } from '../common/tokens';
import { localeOf, type Locale } from '../pages/i18n';
import { renderRecipientPage } from '../pages/recipient.page';
import { clientInfo } from '../security/client-info';
import { CsrfTokens } from '../security/csrf';
import { ReadableBodyGuard } from '../security/deferred-body';
import { GetRecipientViewUseCase } from './get-recipient-view.use-case';
import { RecipientLinkGuard, VerifiedRecipientLink, type RecipientLink } from './recipient-link';
import { RecordAcknowledgementUseCase } from './record-acknowledgement.use-case';

const MAX_NAME = 200;

/**
 * The recipient's page `/r/{token}` (zh-CN, `?lang=en`): GET shows the package and the Art. 22
 * obligations; POST (a form with the CSRF field) records the acknowledgement and redirects back (303).
 */
@Controller('r')
@UseGuards(RecipientLinkGuard, ReadableBodyGuard)
export class RecipientPageController {
  constructor(
    private readonly getView: GetRecipientViewUseCase, private readonly record: RecordAcknowledgementUseCase, private readonly csrf: CsrfTokens,
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {}

  @Get(':token')
  async show(@VerifiedRecipientLink() link: RecipientLink, @Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.render(response, link, localeOf(lang));
  }

  @Post(':token')
  async acknowledge(
    @VerifiedRecipientLink() link: RecipientLink, @Body() body: Record<string, unknown> | undefined, @Query('lang') queryLang: unknown,
    @Req() request: Request, @Res() response: Response,
  ): Promise<void> {
    const form = body ?? {};
    this.csrf.requireForm(link.token, form);
    const by = typeof form['acknowledgedBy'] === 'string' ? form['acknowledgedBy'].trim() : '';
    if (by === '' || by.length > MAX_NAME) {
      throw invalidField('acknowledgedBy', `must be 1-${MAX_NAME} characters`);
    }
    const locale = localeOf(form['lang'] ?? queryLang);
    await this.record.execute({ link, acknowledgedBy: by, client: clientInfo(request) });
    response.redirect(303, `/r/${link.token}${locale === 'en' ? '?lang=en' : ''}`);
  }

  private async render(response: Response, link: RecipientLink, locale: Locale): Promise<void> {
    const view = await this.getView.execute(link);
    const html = renderRecipientPage({ locale, token: link.token, csrf: this.csrf.issue(link.token), timeZone: this.config.PORTAL_TIME_ZONE, ...view });
    sendHtml(response, 200, html);
  }
}
