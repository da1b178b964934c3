import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import type { Principal } from '../auth/roles';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { AcknowledgementOverriddenDto, HandoverPackageDto, RecipientPrivateKeyDto } from './handover-package.dto';
import { OverrideAcknowledgementUseCase } from './override-acknowledgement.use-case';
import { ReasonDto } from '../common/reason.dto';
import { FetchPrivateKeyUseCase } from './fetch-private-key.use-case';
import { GetHandoverPackageUseCase } from './get-handover-package.use-case';
import { ReadPackageFileUseCase } from './read-package-file.use-case';

/** The handover package for the recipient (issue 5). Roles: access-matrix.ts. */
@ApiTags('handover')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'no such case' })
@Controller('v1/cases/:id/handover')
export class HandoverController {
  constructor(
    private readonly getPackage: GetHandoverPackageUseCase, private readonly readFile: ReadPackageFileUseCase,
    private readonly fetchKey: FetchPrivateKeyUseCase, private readonly overrideAcknowledgement: OverrideAcknowledgementUseCase,
  ) {}

  @Post('override')
  @HttpCode(200)
  @ApiDoc("Confirm the handover without the recipient's acknowledgement, once it is overdue and was escalated to the manager; the case goes on to deletion", {
    ok: { type: AcknowledgementOverriddenDto, description: 'recorded as an `overridden` decision on the handover gate (the reason as its note) and on the audit trail' },
    badRequest: '`reason` missing or too long',
    conflict: 'ACKNOWLEDGEMENT_NOT_OVERDUE (before the escalation), ACKNOWLEDGED, ACKNOWLEDGEMENT_OVERRIDDEN, CASE_CLOSED, CASE_CANCELLED',
  })
  override(@Param('id') id: string, @Body() dto: ReasonDto, @CurrentPrincipal() principal: Principal): Promise<AcknowledgementOverriddenDto> {
    return this.overrideAcknowledgement.execute(id, dto.reason, principal);
  }

  @Get('package')
  @ApiDoc('the package manifest: counts by route, fields, versions, SHA-256 of every file, encryption parameters, download paths', {
    ok: { type: HandoverPackageDto }, conflict: 'PACKAGE_NOT_READY: the package has not been built yet',
  })
  manifest(@Param('id') id: string): Promise<HandoverPackageDto> {
    return this.getPackage.execute(id);
  }

  @Get('package/files/:name')
  @ApiDoc('one encrypted file of the package (AES-256-GCM; see the manifest), streamed', {
    ok: { description: 'the encrypted bytes; their SHA-256 is in the manifest', schema: { type: 'string', format: 'binary' } },
    conflict: 'PACKAGE_NOT_READY',
  })
  @ApiParam({ name: 'name', example: 'customers.ndjson.enc' })
  @ApiProduces('application/octet-stream')
  async file(@Param('id') id: string, @Param('name') name: string): Promise<StreamableFile> {
    const file = await this.readFile.execute(id, name);
    return new StreamableFile(file.stream, { type: 'application/octet-stream', length: file.bytes, disposition: `attachment; filename="${name}"` });
  }

  @Get('private-key')
  @ApiDoc('the generated recipient private key (PEM), once; it is destroyed on the server when returned', {
    ok: { type: RecipientPrivateKeyDto }, conflict: 'NO_GENERATED_KEY: the recipient gave its own public key, or no package was built',
    gone: 'PRIVATE_KEY_FETCHED: already fetched and destroyed',
  })
  privateKey(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<RecipientPrivateKeyDto> {
    return this.fetchKey.execute(id, principal);
  }
}
