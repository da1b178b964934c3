import { Global, Module, RequestMethod, type MiddlewareConsumer, type NestModule, type OnModuleInit } from '@nestjs/common';
import { AuthSecretRepository, TeamRepository } from '@handover/persistence';
import { SESSION_SECRETS } from './auth.tokens';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { CaseTeamResolver } from './case-team-resolver';
import { RequestContext, RequestContextMiddleware } from './request-context';
import { SessionStore } from './session-store';
import { TokenAuthenticator } from './token-authenticator';

/**
 * API key lookup, console sessions, teams, the per-request principal context and the case-team resolver; the guards
 * themselves are APP_GUARDs (authentication and roles, then per-case access). Creates the default
 * team at start-up.
 */
@Global()
@Module({
  providers: [
    ApiKeyAuthenticator,
    TokenAuthenticator,
    SessionStore,
    { provide: SESSION_SECRETS, useFactory: (secrets: AuthSecretRepository) => secrets.store('console-session'), inject: [AuthSecretRepository] },
    RequestContext,
    CaseTeamResolver,
  ],
  exports: [ApiKeyAuthenticator, TokenAuthenticator, SessionStore, RequestContext, CaseTeamResolver],
})
export class AuthModule implements NestModule, OnModuleInit {
  constructor(private readonly teams: TeamRepository) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  async onModuleInit(): Promise<void> {
    await this.teams.ensureDefault();
  }
}
