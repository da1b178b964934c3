import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ReadableBodyGuard } from '../security/deferred-body';
import { RateLimitMiddleware } from '../security/rate-limit.middleware';
import { GetRecipientViewUseCase } from './get-recipient-view.use-case';
import { RecipientApiController } from './recipient-api.controller';
import { RecipientLinkGuard } from './recipient-link';
import { RecipientPageController } from './recipient-page.controller';
import { RecordAcknowledgementUseCase } from './record-acknowledgement.use-case';

/** Recipient links (`/r/{token}`, `/api/r/{token}`): the acknowledgement of the handover package. */
@Module({
  controllers: [RecipientPageController, RecipientApiController],
  providers: [RecipientLinkGuard, ReadableBodyGuard, GetRecipientViewUseCase, RecordAcknowledgementUseCase, RateLimitMiddleware],
})
export class RecipientsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware).forRoutes(RecipientPageController, RecipientApiController);
  }
}
