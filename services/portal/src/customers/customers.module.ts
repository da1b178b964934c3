import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ReadableBodyGuard } from '../security/deferred-body';
import { RateLimitMiddleware } from '../security/rate-limit.middleware';
import { CustomerApiController } from './customer-api.controller';
import { CustomerLinkGuard } from './customer-link';
import { CustomerPageController } from './customer-page.controller';
import { GetCustomerViewUseCase } from './get-customer-view.use-case';
import { RecordAnswerUseCase } from './record-answer.use-case';

/**
 * Customer links (`/c/{token}`, `/api/c/{token}`). The guard resolves a link to its customer once;
 * further customer actions (requests to exercise rights) are further use-cases behind the same guard.
 */
@Module({
  controllers: [CustomerPageController, CustomerApiController],
  providers: [CustomerLinkGuard, ReadableBodyGuard, GetCustomerViewUseCase, RecordAnswerUseCase, RateLimitMiddleware],
})
export class CustomersModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware).forRoutes(CustomerPageController, CustomerApiController);
  }
}
