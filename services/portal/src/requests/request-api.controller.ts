import { Body, Controller, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { createValidationPipe } from '@handover/http';
import { CustomerLinkGuard, VerifiedLink, type CustomerLink } from '../customers/customer-link';
import { localeOf } from '../pages/i18n';
import { ReadableBodyGuard } from '../security/deferred-body';
import { FilePortalRequestUseCase } from './file-portal-request.use-case';
import { PortalRequestDto, type PortalRequestResponse } from './portal-request.dto';

const validation = createValidationPipe();

/** `POST /api/c/{token}/requests` (docs/api.md "Portal"): a customer exercises a right or complains. */
@Controller('api/c')
@UseGuards(CustomerLinkGuard, ReadableBodyGuard)
export class RequestApiController {
  constructor(private readonly fileRequest: FilePortalRequestUseCase) {}

  @Post(':token/requests')
  @HttpCode(201)
  async file(@VerifiedLink() link: CustomerLink, @Body(validation) dto: PortalRequestDto, @Query('lang') lang: unknown): Promise<PortalRequestResponse> {
    const filed = await this.fileRequest.execute({
      link,
      type: dto.type,
      ...(dto.message !== undefined && { message: dto.message }),
      ...(dto.corrections !== undefined && { corrections: { ...dto.corrections } }),
      channel: 'portal-json',
      locale: localeOf(lang),
    });
    return { id: filed.id, type: filed.type, status: 'open', dueDate: filed.deadline.dueDate, dueAt: filed.deadline.dueAt };
  }
}
