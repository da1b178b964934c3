import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { createValidationPipe } from '@handover/http';
import { clientInfo } from '../security/client-info';
import { ReadableBodyGuard } from '../security/deferred-body';
import { GetThirdPartyViewUseCase } from './get-third-party-view.use-case';
import { RecordThirdPartyAnswerUseCase } from './record-third-party-answer.use-case';
import { ThirdPartyAnswerDto, type ThirdPartyAnswerResponse, type ThirdPartyViewResponse } from './third-party-answer.dto';
import { ThirdPartyLinkGuard, VerifiedThirdPartyLink, type ThirdPartyLink } from './third-party-link';

const validation = createValidationPipe();

/** The third-party page's actions as JSON (docs/api.md "Portal"): `/api/t/{token}`. */
@Controller('api/t')
@UseGuards(ThirdPartyLinkGuard, ReadableBodyGuard)
export class ThirdPartyApiController {
  constructor(private readonly getView: GetThirdPartyViewUseCase, private readonly recordAnswer: RecordThirdPartyAnswerUseCase) {}

  @Get(':token')
  async view(@VerifiedThirdPartyLink() link: ThirdPartyLink): Promise<ThirdPartyViewResponse> {
    const view = await this.getView.execute(link);
    return {
      name: view.name,
      transferor: view.transferorName,
      categories: view.categories,
      dueAt: view.dueAt ? view.dueAt.toISOString() : null,
      status: view.status,
      ...(view.answer && { answer: { kind: view.answer.kind, recordedAt: view.answer.at.toISOString(), late: view.answer.late } }),
    };
  }

  /** 200 with the recorded answer; a repeated identical answer returns the first one's time; a different one is 409 ALREADY_ANSWERED. */
  @Post(':token')
  @HttpCode(200)
  async answer(@VerifiedThirdPartyLink() link: ThirdPartyLink, @Body(validation) dto: ThirdPartyAnswerDto, @Req() request: Request): Promise<ThirdPartyAnswerResponse> {
    const outcome = await this.recordAnswer.execute({ link, answer: dto, channel: 'portal-json', client: clientInfo(request) });
    return { status: outcome.status, kind: outcome.kind, recordedAt: outcome.answeredAt.toISOString(), late: outcome.late };
  }
}
