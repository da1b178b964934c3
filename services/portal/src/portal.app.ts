import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, urlencoded } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PortalConfig } from '@handover/config';
import { PinoNestLogger, type Logger } from '@handover/logging';
import { httpMetricsMiddleware } from '@handover/metrics';
import { PortalModule } from './app.module';
import { PortalExceptionFilter } from './common/portal-exception.filter';
import { PORTAL_CONFIG, PORTAL_LOGGER } from './common/tokens';
import { deferBodyErrors } from './security/deferred-body';
import { securityHeaders } from './security/security-headers';

const BODY_LIMIT = '16kb';

/** Builds the portal application (main.ts listens; tests may build it in-process). */
export async function createPortalApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(PortalModule, { logger: false, bodyParser: false });
  const logger = app.get<Logger>(PORTAL_LOGGER);
  const config = portalConfig(app);
  app.useLogger(new PinoNestLogger(logger));
  app.disable('x-powered-by');
  app.use(httpMetricsMiddleware('portal'));
  app.set('trust proxy', config.PORTAL_TRUST_PROXY_HOPS);
  app.use(securityHeaders({ https: config.PORTAL_URL.startsWith('https:') }));
  // Parse errors wait until the link is verified (ReadableBodyGuard): a bad link is a 404 whatever its body.
  app.use(deferBodyErrors(json({ limit: BODY_LIMIT })));
  app.use(deferBodyErrors(urlencoded({ limit: BODY_LIMIT, extended: false })));
  app.useGlobalFilters(new PortalExceptionFilter(logger));
  app.enableShutdownHooks();
  return app;
}

export function portalConfig(app: INestApplication): PortalConfig {
  return app.get<PortalConfig>(PORTAL_CONFIG);
}
