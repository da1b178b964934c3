import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import { PageQueryDto } from '../common/paging';
import { DeletionCertificatePageDto } from './certificate.dto';
import { ListCertificatesUseCase } from './list-certificates.use-case';

/** Deletion certificates (docs/api.md): counts, method, time and digests, never a record. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:id/certificates')
export class CertificatesController {
  constructor(private readonly listCertificates: ListCertificatesUseCase) {}

  @Get()
  @ApiDoc('The deletion certificates of the case (stage, count, method, time, digests), keyset pages in the order issued', {
    ok: { type: DeletionCertificatePageDto }, badRequest: 'an invalid limit or cursor (the parameter is named)', notFound: 'unknown case',
  })
  list(@Param('id') id: string, @Query() query: PageQueryDto): Promise<DeletionCertificatePageDto> {
    return this.listCertificates.execute(id, query);
  }
}
