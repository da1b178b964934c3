import { Global, Module, RequestMethod, type MiddlewareConsumer, type NestModule, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ApiKeyRepository, TeamRepository } from '@handover/persistence';
import { MONGO_CONNECTION } from '../common/tokens';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { CaseTeamResolver } from './case-team-resolver';
import { RequestContext, RequestContextMiddleware } from './request-context';

/**
 * API key lookup, teams, the per-request principal context and the case-team resolver; the guards
 * themselves are APP_GUARDs (authentication and roles, then per-case access). Creates the default
 * team at start-up.
 */
@Global()
@Module({
  providers: [
    { provide: ApiKeyRepository, useFactory: (connection: Connection) => new ApiKeyRepository(connection), inject: [MONGO_CONNECTION] },
    { provide: TeamRepository, useFactory: (connection: Connection) => new TeamRepository(connection), inject: [MONGO_CONNECTION] },
    ApiKeyAuthenticator,
    RequestContext,
    CaseTeamResolver,
  ],
  exports: [ApiKeyRepository, TeamRepository, ApiKeyAuthenticator, RequestContext, CaseTeamResolver],
})
export class AuthModule implements NestModule, OnModuleInit {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly teams: TeamRepository,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  async onModuleInit(): Promise<void> {
    await this.keys.ensureIndexes();
    await this.teams.ensureIndexes();
    await this.teams.ensureDefault();
  }
}
