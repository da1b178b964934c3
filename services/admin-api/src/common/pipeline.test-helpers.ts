import { Global, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { adminApiSchema, loadConfig, type AdminApiConfig, type Secrets } from '@handover/config';
import type { Logger } from '@handover/logging';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { RequestContext } from '../auth/request-context';
import { SessionStore } from '../auth/session-store';
import { SESSION_SECRETS } from '../auth/auth.tokens';
import { TokenAuthenticator } from '../auth/token-authenticator';
import type { Principal } from '../auth/roles';
import { applyHardening } from './hardening';
import { ADMIN_CONFIG, LOGGER, DERIVATION_KEY, SECRETS } from './tokens';
import { MasterKey } from '@handover/crypto';
import { createValidationPipe } from '@handover/http';
import { MemorySecretStore, MemoryWindowCounter } from '@handover/persistence';

/** Tokens the in-process app accepts: the bootstrap admin token and one API key per role. */
export const TEST_TOKENS = {
  admin: 'hov_admin_test_token_0123456789',
  'case-manager': 'hov_manager_key_0123456789',
  auditor: 'hov_auditor_key_0123456789',
  'incident-responder': 'hov_responder_key_0123456789',
} as const;

const KEYS = new Map<string, Principal>([
  [TEST_TOKENS['case-manager'], { id: 'key_m', role: 'case-manager' }],
  [TEST_TOKENS.auditor, { id: 'key_a', role: 'auditor' }],
  [TEST_TOKENS['incident-responder'], { id: 'key_r', role: 'incident-responder' }],
]);

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  object: unknown;
  message: string;
}

export interface PipelineTestApp {
  app: NestExpressApplication;
  config: AdminApiConfig;
  secrets: Secrets;
  logged: LogEntry[];
}

/**
 * The admin API's real request pipeline (hardening, bearer guard with the real access matrix,
 * validation, exception filter) around the given controllers and modules, with no database:
 * API keys come from TEST_TOKENS. For specs; the caller closes `app`.
 */
export async function createPipelineTestApp(metadata: Pick<ModuleMetadata, 'imports' | 'controllers'>, env: Record<string, string> = {}): Promise<PipelineTestApp> {
  const logged: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (object: unknown, message: string) => logged.push({ level, object, message });
  const logger = { info: record('info'), warn: record('warn'), error: record('error') } as unknown as Logger;
  const config = loadConfig(adminApiSchema, env);
  const masterKey = Buffer.alloc(32, 7).toString('base64');
  const secrets: Secrets = { masterKeys: { single: masterKey }, adminToken: TEST_TOKENS.admin, adminTokenGenerated: false };

  @Global()
  @Module({
    providers: [
      { provide: ADMIN_CONFIG, useValue: config },
      { provide: SECRETS, useValue: secrets },
      { provide: DERIVATION_KEY, useValue: MasterKey.fromBase64(masterKey) },
      { provide: LOGGER, useValue: logger },
      { provide: ApiKeyAuthenticator, useValue: { authenticate: (token: string) => Promise.resolve(KEYS.get(token) ?? null) } },
      TokenAuthenticator,
      SessionStore,
      { provide: SESSION_SECRETS, useValue: new MemorySecretStore() },
      RequestContext,
    ],
    exports: [ADMIN_CONFIG, SECRETS, DERIVATION_KEY, LOGGER, ApiKeyAuthenticator, TokenAuthenticator, SessionStore, RequestContext],
  })
  class FakeInfrastructureModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [FakeInfrastructureModule, ...(metadata.imports ?? [])],
    controllers: metadata.controllers ?? [],
    providers: [{ provide: APP_GUARD, useClass: BearerAuthGuard }],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  applyHardening(app, config, logger, new MemoryWindowCounter());
  app.useGlobalPipes(createValidationPipe());
  await app.init();
  return { app, config, secrets, logged };
}
