import { Module } from '@nestjs/common';
import type { PayloadCodec } from '@temporalio/common';
import { payloadCodecFromMaster, type MasterKey } from '@handover/crypto';
import { DERIVATION_KEY } from '../common/tokens';
import { CodecController } from './codec.controller';
import { CodecSessionController } from './codec-session.controller';
import { PAYLOAD_CODEC } from './codec.tokens';
import { DecodePayloadsUseCase } from './decode-payloads.use-case';
import { EncodePayloadsUseCase } from './encode-payloads.use-case';

/**
 * The remote codec endpoint for the Temporal UI (/codec/encode, /codec/decode) with the workers'
 * codec, and its browser sign-in (/codec/session). CORS and the cookie are wired in bootstrap.ts.
 */
@Module({
  controllers: [CodecController, CodecSessionController],
  providers: [
    // The UI shows what it is given: plain payloads (a forged signal, say) are displayed, not refused.
    { provide: PAYLOAD_CODEC, useFactory: (master: MasterKey): PayloadCodec => payloadCodecFromMaster(master, [], { unencrypted: 'pass' }), inject: [DERIVATION_KEY] },
    DecodePayloadsUseCase,
    EncodePayloadsUseCase,
  ],
})
export class CodecModule {}
