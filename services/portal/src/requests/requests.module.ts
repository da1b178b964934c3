import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CustomerLinkGuard } from '../customers/customer-link';
import { ReadableBodyGuard } from '../security/deferred-body';
import { RateLimitMiddleware } from '../security/rate-limit.middleware';
import { DownloadController } from './download.controller';
import { DownloadCopyUseCase } from './download-copy.use-case';
import { FilePortalRequestUseCase } from './file-portal-request.use-case';
import { RequestApiController } from './request-api.controller';
import { RequestPageController } from './request-page.controller';

/** Data-subject requests behind the customer link, and the copy download (`/d/{token}`). */
@Module({
  controllers: [RequestApiController, RequestPageController, DownloadController],
  providers: [CustomerLinkGuard, ReadableBodyGuard, FilePortalRequestUseCase, DownloadCopyUseCase, RateLimitMiddleware],
})
export class RequestsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware).forRoutes(RequestApiController, RequestPageController, DownloadController);
  }
}
