import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { AdminApiConfig } from '@handover/config';
import { PinoNestLogger, type Logger } from '@handover/logging';
import { AppModule } from './app.module';
import { applyHardening } from './common/hardening';
import { ADMIN_CONFIG, LOGGER, TRACING } from './common/tokens';
import { createValidationPipe } from '@handover/http';
import { httpMetricsMiddleware } from '@handover/metrics';
import { httpTracingMiddleware, type Tracing } from '@handover/tracing';
import { createOpenApiDocument } from './openapi/openapi-document';

/** Builds the admin API application (also used by tests that need it in-process). */
export async function createAdminApi(): Promise<NestExpressApplication> {
  // Body parsers are installed by applyHardening: JSON only for application/json, so the streamed
  // inventory upload (text/csv, application/x-ndjson) reaches its controller unread.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: false, bodyParser: false });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  // A span per request, only when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT).
  if (app.get<Tracing | null>(TRACING)) app.use(httpTracingMiddleware('admin-api'));
  app.use(httpMetricsMiddleware('admin-api'));
  applyHardening(app, adminApiConfig(app), logger);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

export function adminApiConfig(app: NestExpressApplication): AdminApiConfig {
  return app.get<AdminApiConfig>(ADMIN_CONFIG);
}
