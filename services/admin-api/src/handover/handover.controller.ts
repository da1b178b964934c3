import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '../auth/roles';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { HandoverPackageDto, RecipientPrivateKeyDto } from './handover-package.dto';
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
    private readonly getPackage: GetHandoverPackageUseCase,
    private readonly readFile: ReadPackageFileUseCase,
    private readonly fetchKey: FetchPrivateKeyUseCase,
  ) {}

  @Get('package')
  @ApiOperation({ summary: 'the package manifest: counts by route, fields, versions, SHA-256 of every file, encryption parameters, download paths' })
  @ApiOkResponse({ type: HandoverPackageDto })
  @ApiConflictResponse({ description: 'PACKAGE_NOT_READY: the package has not been built yet' })
  manifest(@Param('id') id: string): Promise<HandoverPackageDto> {
    return this.getPackage.execute(id);
  }

  @Get('package/files/:name')
  @ApiOperation({ summary: 'one encrypted file of the package (AES-256-GCM; see the manifest), streamed' })
  @ApiParam({ name: 'name', example: 'customers.ndjson.enc' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'the encrypted bytes; their SHA-256 is in the manifest', schema: { type: 'string', format: 'binary' } })
  @ApiConflictResponse({ description: 'PACKAGE_NOT_READY' })
  async file(@Param('id') id: string, @Param('name') name: string): Promise<StreamableFile> {
    const file = await this.readFile.execute(id, name);
    return new StreamableFile(file.stream, { type: 'application/octet-stream', length: file.bytes, disposition: `attachment; filename="${name}"` });
  }

  @Get('private-key')
  @ApiOperation({ summary: 'the generated recipient private key (PEM), once; it is destroyed on the server when returned' })
  @ApiOkResponse({ type: RecipientPrivateKeyDto })
  @ApiConflictResponse({ description: 'NO_GENERATED_KEY: the recipient gave its own public key, or no package was built' })
  @ApiGoneResponse({ description: 'PRIVATE_KEY_FETCHED: already fetched and destroyed' })
  privateKey(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<RecipientPrivateKeyDto> {
    return this.fetchKey.execute(id, principal);
  }
}
