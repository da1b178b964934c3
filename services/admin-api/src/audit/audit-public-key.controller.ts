import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AppError } from '@handover/http';
import { AuditRepository } from '@handover/persistence';
import { ApiDoc } from '../common/api-doc.decorator';
import { AuditPublicKeyDto } from './audit-event.dto';

/** The key that checks audit checkpoints offline (`handover audit verify-file`). Roles: access-matrix.ts. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or invalid bearer token' })
@Controller('v1/audit/public-key')
export class AuditPublicKeyController {
  constructor(private readonly events: AuditRepository) {}

  @Get()
  @ApiDoc('the Ed25519 public key that signs audit checkpoints, and the audit key id', {
    ok: { type: AuditPublicKeyDto },
    forbidden: 'the role may not read the key',
    notFound: 'checkpoints are not signed by this deployment',
  })
  get(): AuditPublicKeyDto {
    const key = this.events.publicKey();
    if (!key) throw new AppError('NOT_FOUND', 'audit checkpoints are not signed here', HttpStatus.NOT_FOUND);
    return key;
  }
}
