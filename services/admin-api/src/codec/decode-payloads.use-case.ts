import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Logger } from '@handover/logging';
import { LOGGER } from '../common/tokens';
import type { Principal } from '../auth/roles';
import { PAYLOAD_CODEC } from './codec.tokens';
import { fromJson, toJson } from './payload-json';
import type { PayloadsJsonDto } from './payloads.dto';

/**
 * Decrypts payloads for the Temporal UI (remote codec protocol). Payloads that are not encrypted
 * pass unchanged. Each call is logged with the caller and the count — never the content.
 */
@Injectable()
export class DecodePayloadsUseCase {
  constructor(
    @Inject(PAYLOAD_CODEC) private readonly codec: PayloadCodec,
    @Inject(LOGGER) private readonly logger: Pick<Logger, 'info'>,
  ) {}

  async execute(body: PayloadsJsonDto, principal: Principal): Promise<PayloadsJsonDto> {
    const payloads = fromJson(body);
    const decoded: Payload[] = [];
    for (const [index, payload] of payloads.entries()) {
      try {
        decoded.push(...(await this.codec.decode([payload])));
      } catch {
        throw new AppError('UNDECODABLE_PAYLOAD', `payload ${index} could not be decoded (unknown key, or altered)`, HttpStatus.BAD_REQUEST);
      }
    }
    this.logger.info({ actor: principal.id, role: principal.role, payloads: payloads.length }, 'payloads decoded for display');
    return toJson(decoded);
  }
}
