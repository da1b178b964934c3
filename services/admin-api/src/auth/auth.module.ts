import { Global, Module, RequestMethod, type MiddlewareConsumer, type NestModule, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ApiKeyRepository } from '@handover/persistence';
import { MONGO_CONNECTION } from '../common/tokens';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { RequestContext, RequestContextMiddleware } from './request-context';

/** API key lookup and the per-request principal context; the guard itself is the APP_GUARD. */
@Global()
@Module({
  providers: [
    { provide: ApiKeyRepository, useFactory: (connection: Connection) => new ApiKeyRepository(connection), inject: [MONGO_CONNECTION] },
    ApiKeyAuthenticator,
    RequestContext,
  ],
  exports: [ApiKeyRepository, ApiKeyAuthenticator, RequestContext],
})
export class AuthModule implements NestModule, OnModuleInit {
  constructor(private readonly keys: ApiKeyRepository) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  async onModuleInit(): Promise<void> {
    await this.keys.ensureIndexes();
  }
}
