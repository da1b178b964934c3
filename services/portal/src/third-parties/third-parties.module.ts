import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ReadableBodyGuard } from '../security/deferred-body';
import { RateLimitMiddleware } from '../security/rate-limit.middleware';
import { GetThirdPartyViewUseCase } from './get-third-party-view.use-case';
import { RecordThirdPartyAnswerUseCase } from './record-third-party-answer.use-case';
import { ThirdPartyApiController } from './third-party-api.controller';
import { ThirdPartyLinkGuard } from './third-party-link';
import { ThirdPartyPageController } from './third-party-page.controller';

/** Third-party links (`/t/{token}`, `/api/t/{token}`): the deletion confirmation (docs/legal.md §4). */
@Module({
  controllers: [ThirdPartyPageController, ThirdPartyApiController],
  providers: [
    ThirdPartyLinkGuard,
    ReadableBodyGuard,
    GetThirdPartyViewUseCase,
    RecordThirdPartyAnswerUseCase,
    RateLimitMiddleware,
  ],
})
export class ThirdPartiesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware).forRoutes(ThirdPartyPageController, ThirdPartyApiController);
  }
}
