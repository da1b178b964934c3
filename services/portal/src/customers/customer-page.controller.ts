import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PortalConfig } from '@handover/config';
import { ANSWER_DECISIONS, isPastDeadline, offeredDecisions, type AnswerDecision, type AnswerRejectionCode, type CustomerDecision } from '@handover/persistence';
import { invalidField } from '@handover/http';
import { sendHtml } from '../pages/send-html';
import { PORTAL_CONFIG } from '../common/tokens';
import { renderCustomerPage } from '../pages/customer.page';
import { localeOf, type Locale } from '../pages/i18n';
import { clientInfo } from '../security/client-info';
import { CsrfTokens } from '../security/csrf';
import { ReadableBodyGuard } from '../security/deferred-body';
import { CustomerLinkGuard, VerifiedLink, type CustomerLink } from './customer-link';
import { GetCustomerViewUseCase, type CustomerView } from './get-customer-view.use-case';
import { AnswerConflictException, RecordAnswerUseCase } from './record-answer.use-case';

const isAnswerDecision = (value: unknown): value is AnswerDecision => typeof value === 'string' && (ANSWER_DECISIONS as readonly string[]).includes(value);

/**
 * The customer page `/c/{token}` (zh-CN, `?lang=en`): GET shows it; POST (a form with the CSRF
 * field) records the answer and redirects back with 303, or shows the page with the refusal (409).
 */
@Controller('c')
@UseGuards(CustomerLinkGuard, ReadableBodyGuard)
export class CustomerPageController {
  constructor(
    private readonly getView: GetCustomerViewUseCase, private readonly recordAnswer: RecordAnswerUseCase, private readonly csrf: CsrfTokens,
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {}

  @Get(':token')
  async show(@VerifiedLink() link: CustomerLink, @Query('lang') lang: unknown, @Query('recorded') recorded: unknown, @Res() response: Response): Promise<void> {
    const view = await this.getView.execute(link);
    // The confirmation shows only what is actually stored: a crafted `recorded` says nothing false.
    const confirmation = view.decision !== undefined && recorded === view.decision ? view.decision : undefined;
    sendHtml(response, 200, this.render(link, localeOf(lang), view, { confirmation }));
  }

  @Post(':token')
  async answer(
    @VerifiedLink() link: CustomerLink, @Body() body: Record<string, unknown> | undefined, @Query('lang') queryLang: unknown,
    @Req() request: Request, @Res() response: Response,
  ): Promise<void> {
    const form = body ?? {};
    this.csrf.requireForm(link.token, form);
    const decision = form['decision'];
    if (!isAnswerDecision(decision)) {
      throw invalidField('decision', `must be one of ${ANSWER_DECISIONS.join(', ')}`);
    }
    const locale = localeOf(form['lang'] ?? queryLang);
    try {
      const outcome = await this.recordAnswer.execute({ link, decision, channel: 'portal-html', locale, client: clientInfo(request) });
      const query = new URLSearchParams({ recorded: outcome.decision, ...(locale === 'en' && { lang: 'en' }) });
      response.redirect(303, `/c/${link.token}?${query.toString()}`);
    } catch (error) {
      if (!(error instanceof AnswerConflictException)) throw error;
      const view = await this.getView.execute(link);
      sendHtml(response, 409, this.render(link, locale, view, { rejection: error.code }));
    }
  }

  private render(
    link: CustomerLink, locale: Locale, view: CustomerView, notes: { confirmation?: CustomerDecision | undefined; rejection?: AnswerRejectionCode },
  ): string {
    const now = new Date();
    return renderCustomerPage({
      locale,
      token: link.token,
      csrf: this.csrf.issue(link.token),
      timeZone: this.config.PORTAL_TIME_ZONE,
      transferorName: view.transferor.name,
      recipient: view.recipient,
      route: view.route,
      deadline: view.deadline,
      deadlinePassed: isPastDeadline(view.deadline, now),
      ...(view.decision && { decision: view.decision }),
      offered: offeredDecisions(view.route, view.decision, view.deadline, now),
      ...(notes.confirmation && { confirmation: notes.confirmation }),
      ...(notes.rejection && { rejection: notes.rejection }),
    });
  }

}
