import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { createValidationPipe } from '@handover/http';
import { clientInfo } from '../security/client-info';
import { ReadableBodyGuard } from '../security/deferred-body';
import { AcknowledgeDto, type AcknowledgementResponse, type RecipientViewResponse } from './acknowledgement.dto';
import { GetRecipientViewUseCase } from './get-recipient-view.use-case';
import { RecipientLinkGuard, VerifiedRecipientLink, type RecipientLink } from './recipient-link';
import { RecordAcknowledgementUseCase } from './record-acknowledgement.use-case';

const validation = createValidationPipe();

/** The recipient's link as JSON (docs/api.md "Portal"): `/api/r/{token}`. */
@Controller('api/r')
@UseGuards(RecipientLinkGuard, ReadableBodyGuard)
export class RecipientApiController {
  constructor(private readonly getView: GetRecipientViewUseCase, private readonly record: RecordAcknowledgementUseCase) {}

  @Get(':token')
  async view(@VerifiedRecipientLink() link: RecipientLink): Promise<RecipientViewResponse> {
    const view = await this.getView.execute(link);
    return {
      transferor: { name: view.transferorName },
      recipient: { name: view.recipientName },
      packageId: view.packageId,
      records: view.records,
      createdAt: view.createdAt,
      acknowledged: view.acknowledgedAt !== undefined,
      ...(view.acknowledgedAt && { acknowledgedAt: view.acknowledgedAt }),
    };
  }

  /** 200; a repeat is idempotent and returns the first acknowledgement's time. */
  @Post(':token')
  @HttpCode(200)
  async acknowledge(
    @VerifiedRecipientLink() link: RecipientLink, @Body(validation) dto: AcknowledgeDto, @Req() request: Request,
  ): Promise<AcknowledgementResponse> {
    const outcome = await this.record.execute({ link, acknowledgedBy: dto.acknowledgedBy.trim(), client: clientInfo(request) });
    return { acknowledged: true, packageId: outcome.packageId, acknowledgedAt: outcome.at.toISOString() };
  }
}
