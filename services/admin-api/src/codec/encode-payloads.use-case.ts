import { Inject, Injectable } from '@nestjs/common';
import type { PayloadCodec } from '@temporalio/common';
import { PAYLOAD_CODEC } from './codec.tokens';
import { fromJson, toJson } from './payload-json';
import type { PayloadsJsonDto } from './payloads.dto';

/** Encrypts payloads the Temporal UI composes (signal or start input) exactly as the workers would. */
@Injectable()
export class EncodePayloadsUseCase {
  constructor(@Inject(PAYLOAD_CODEC) private readonly codec: PayloadCodec) {}

  async execute(body: PayloadsJsonDto): Promise<PayloadsJsonDto> {
    return toJson(await this.codec.encode(fromJson(body)));
  }
}
