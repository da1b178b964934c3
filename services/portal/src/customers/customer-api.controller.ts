import { Body, Controller, Get, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { createValidationPipe } from '@handover/http';
import { localeOf } from '../pages/i18n';
import { clientInfo } from '../security/client-info';
import { AnswerDto, type AnswerResponse, type CustomerViewResponse } from './answer.dto';
import { ReadableBodyGuard } from '../security/deferred-body';
import { CustomerLinkGuard, VerifiedLink, type CustomerLink } from './customer-link';
import { GetCustomerViewUseCase } from './get-customer-view.use-case';
import { RecordAnswerUseCase } from './record-answer.use-case';

const validation = createValidationPipe();

/** The customer page's actions as JSON (docs/api.md "Portal"): `/api/c/{token}`. */
@Controller('api/c')
@UseGuards(CustomerLinkGuard, ReadableBodyGuard)
export class CustomerApiController {
  constructor(private readonly getView: GetCustomerViewUseCase, private readonly recordAnswer: RecordAnswerUseCase) {}

  @Get(':token')
  async view(@VerifiedLink() link: CustomerLink): Promise<CustomerViewResponse> {
    const view = await this.getView.execute(link);
    return { route: view.route, deadline: view.deadline, recipient: view.recipient, ...(view.decision && { decision: view.decision }) };
  }

  /** 200 with the customer's state; a repeated identical answer returns the same state and time. */
  @Post(':token')
  @HttpCode(200)
  async answer(
    @VerifiedLink() link: CustomerLink, @Body(validation) dto: AnswerDto, @Query('lang') lang: unknown, @Req() request: Request,
  ): Promise<AnswerResponse> {
    const outcome = await this.recordAnswer.execute({
      link,
      decision: dto.decision,
      channel: 'portal-json',
      locale: localeOf(lang),
      client: clientInfo(request),
    });
    return { decision: outcome.decision, recordedAt: outcome.recordedAt.toISOString() };
  }
}
