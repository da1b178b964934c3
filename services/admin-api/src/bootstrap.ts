import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AdminApiConfig } from '@handover/config';
import { PinoNestLogger, type Logger } from '@handover/logging';
import { AppModule } from './app.module';
import { ADMIN_CONFIG, LOGGER } from './common/tokens';
import { createValidationPipe } from './common/validation';

/** Builds the admin API application (also used by tests that need it in-process). */
export async function createAdminApi(): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule, { logger: false, bodyParser: true });
  app.useLogger(new PinoNestLogger(app.get<Logger>(LOGGER)));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Handover admin API')
      .setDescription('Transfer cases, inventory, gates, third parties, incidents, requests, audit. See API.md.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

export function adminApiConfig(app: INestApplication): AdminApiConfig {
  return app.get<AdminApiConfig>(ADMIN_CONFIG);
}
