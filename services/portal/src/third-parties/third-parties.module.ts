import { Inject, Module, type MiddlewareConsumer, type NestModule, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ThirdPartyRepository } from '@handover/persistence';
import { MONGO_CONNECTION } from '../common/tokens';
import { ReadableBodyGuard } from '../security/deferred-body';
import { RateLimitMiddleware } from '../security/rate-limit.middleware';
import { GetThirdPartyViewUseCase } from './get-third-party-view.use-case';
import { RecordThirdPartyAnswerUseCase } from './record-third-party-answer.use-case';
import { ThirdPartyApiController } from './third-party-api.controller';
import { ThirdPartyLinkGuard } from './third-party-link';
import { ThirdPartyPageController } from './third-party-page.controller';
import { THIRD_PARTY_REPOSITORY } from './third-party.tokens';

/** Third-party links (`/t/{token}`, `/api/t/{token}`): the deletion confirmation (LEGAL.md §4). */
@Module({
  controllers: [ThirdPartyPageController, ThirdPartyApiController],
  providers: [
    { provide: THIRD_PARTY_REPOSITORY, useFactory: (mongo: Connection) => new ThirdPartyRepository(mongo), inject: [MONGO_CONNECTION] },
    ThirdPartyLinkGuard,
    ReadableBodyGuard,
    GetThirdPartyViewUseCase,
    RecordThirdPartyAnswerUseCase,
    RateLimitMiddleware,
  ],
})
export class ThirdPartiesModule implements NestModule, OnModuleInit {
  constructor(@Inject(THIRD_PARTY_REPOSITORY) private readonly thirdParties: ThirdPartyRepository) {}

  /** The answers' unique claim is the `_id`; the listing indexes are built here too (autoIndex is off). */
  async onModuleInit(): Promise<void> {
    await this.thirdParties.ensureIndexes();
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware).forRoutes(ThirdPartyPageController, ThirdPartyApiController);
  }
}
