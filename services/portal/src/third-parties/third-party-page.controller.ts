import { BadRequestException, Body, Controller, Get, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PortalConfig } from '@handover/config';
import { createValidationPipe } from '@handover/http';
import { sendHtml } from '../pages/send-html';
import { PORTAL_CONFIG } from '../common/tokens';
import { localeOf, type Locale } from '../pages/i18n';
import { renderThirdPartyPage, type ThirdPartyPageModel } from '../pages/third-party.page';
import { clientInfo } from '../security/client-info';
import { CsrfTokens } from '../security/csrf';
import { ReadableBodyGuard } from '../security/deferred-body';
import { GetThirdPartyViewUseCase, type ThirdPartyPageView } from './get-third-party-view.use-case';
import { ThirdPartyAnswerDto } from './third-party-answer.dto';
import { ThirdPartyLinkGuard, VerifiedThirdPartyLink, type ThirdPartyLink } from './third-party-link';
import { RecordThirdPartyAnswerUseCase, ThirdPartyAnswerConflictException } from './record-third-party-answer.use-case';

const validation = createValidationPipe();
const FORM_FIELDS = ['kind', 'confirmedBy', 'method', 'deletedAt', 'explanation', 'basis', 'retainedUntil'] as const;

/** The form's answer fields, empty ones dropped (a form posts every input); anything else is left out. */
function answerFields(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FORM_FIELDS) {
    const value = form[field];
    if (typeof value === 'string' && value.trim() !== '') out[field] = value;
  }
  return out;
}

function invalidFieldsOf(error: BadRequestException): string[] {
  const body = error.getResponse() as { fields?: Array<{ field: string }> };
  return [...new Set((body.fields ?? []).map((f) => f.field))];
}

/**
 * The third-party page `/t/{token}` (zh-CN, `?lang=en`): GET shows it; POST (a form with the CSRF
 * field) records the confirmation and redirects back with 303, or shows the page with the fields
 * at fault (400) or the refusal (409).
 */
@Controller('t')
@UseGuards(ThirdPartyLinkGuard, ReadableBodyGuard)
export class ThirdPartyPageController {
  constructor(
    private readonly getView: GetThirdPartyViewUseCase, private readonly recordAnswer: RecordThirdPartyAnswerUseCase,
    private readonly csrf: CsrfTokens, @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {}

  @Get(':token')
  async show(@VerifiedThirdPartyLink() link: ThirdPartyLink, @Query('lang') lang: unknown, @Query('recorded') recorded: unknown, @Res() response: Response): Promise<void> {
    const view = await this.getView.execute(link);
    sendHtml(response, 200, this.render(link, localeOf(lang), view, { confirmation: recorded === '1' }));
  }

  @Post(':token')
  async answer(
    @VerifiedThirdPartyLink() link: ThirdPartyLink, @Body() body: Record<string, unknown> | undefined, @Query('lang') queryLang: unknown,
    @Req() request: Request, @Res() response: Response,
  ): Promise<void> {
    const form = body ?? {};
    this.csrf.requireForm(link.token, form);
    const locale = localeOf(form['lang'] ?? queryLang);
    try {
      const dto = (await validation.transform(answerFields(form), { type: 'body', metatype: ThirdPartyAnswerDto })) as ThirdPartyAnswerDto;
      await this.recordAnswer.execute({ link, answer: dto, channel: 'portal-html', client: clientInfo(request) });
      const query = new URLSearchParams({ recorded: '1', ...(locale === 'en' && { lang: 'en' }) });
      response.redirect(303, `/t/${link.token}?${query.toString()}`);
    } catch (error) {
      if (error instanceof BadRequestException) {
        const view = await this.getView.execute(link);
        sendHtml(response, 400, this.render(link, locale, view, { invalidFields: invalidFieldsOf(error) }));
        return;
      }
      if (!(error instanceof ThirdPartyAnswerConflictException)) throw error;
      const view = await this.getView.execute(link);
      sendHtml(response, 409, this.render(link, locale, view, { rejection: error.code }));
    }
  }

  private render(
    link: ThirdPartyLink, locale: Locale, view: ThirdPartyPageView, notes: Pick<ThirdPartyPageModel, 'confirmation' | 'rejection' | 'invalidFields'>,
  ): string {
    return renderThirdPartyPage({
      locale,
      token: link.token,
      csrf: this.csrf.issue(link.token),
      timeZone: this.config.PORTAL_TIME_ZONE,
      transferorName: view.transferorName,
      thirdPartyName: view.name,
      categories: view.categories,
      dueAt: view.dueAt ? view.dueAt.toISOString() : null,
      status: view.status,
      ...(view.answer && { answer: { kind: view.answer.kind, at: view.answer.at.toISOString(), late: view.answer.late } }),
      ...notes,
    });
  }

}
