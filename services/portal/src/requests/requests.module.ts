import { Inject, Module, type MiddlewareConsumer, type NestModule, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { RequestRepository, TransferExclusionRepository } from '@handover/persistence';
import { MONGO_CONNECTION } from '../common/tokens';
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
export class RequestsModule implements NestModule, OnModuleInit {
  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware).forRoutes(RequestApiController, RequestPageController, DownloadController);
  }

  async onModuleInit(): Promise<void> {
    await new RequestRepository(this.connection).ensureIndexes();
    await new TransferExclusionRepository(this.connection).ensureIndexes();
  }
}
