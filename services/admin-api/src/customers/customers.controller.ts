import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import { AnnouncementDto } from './announcement.dto';
import { CustomerEvidenceDto } from './evidence.dto';
import { GetAnnouncementUseCase } from './get-announcement.use-case';
import { GetCustomerEvidenceUseCase } from './get-customer-evidence.use-case';

/** What the notification phase keeps: one customer's answer evidence, the public announcement. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:id')
export class CustomersController {
  constructor(private readonly evidence: GetCustomerEvidenceUseCase, private readonly announcement: GetAnnouncementUseCase) {}

  @Get('customers/:ref/evidence')
  @ApiParam({ name: 'ref', description: 'the customer reference (hex blind index, as `customerRef` in requests); never the customer_id' })
  @ApiDoc("A customer's consent/answer evidence (time, wording version, scope, channel, IP, user agent), decrypted with the case key; each read is audited", {
    ok: { type: CustomerEvidenceDto }, notFound: 'unknown case or customer', conflict: 'CASE_KEY_SHREDDED: the case key is destroyed, nothing can be read',
  })
  customerEvidence(@Param('id') id: string, @Param('ref') ref: string): Promise<CustomerEvidenceDto> {
    return this.evidence.execute(id, ref);
  }

  @Get('announcement')
  @ApiDoc('The public announcement text (zh-CN and en) stored by the notice mailing, for customers without an email address', {
    ok: { type: AnnouncementDto }, notFound: 'unknown case', conflict: 'ANNOUNCEMENT_NOT_READY: stored when the notices are sent',
  })
  publicAnnouncement(@Param('id') id: string): Promise<AnnouncementDto> {
    return this.announcement.execute(id);
  }
}
