import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { PortalConfig } from '@handover/config';
import { PinoNestLogger, type Logger } from '@handover/logging';
import { PORTAL_CONFIG, PORTAL_LOGGER, PortalModule } from './app.module';

async function main(): Promise<void> {
  const app = await NestFactory.create(PortalModule, { logger: false });
  app.useLogger(new PinoNestLogger(app.get<Logger>(PORTAL_LOGGER)));
  app.enableShutdownHooks();
  const config = app.get<PortalConfig>(PORTAL_CONFIG);
  await app.listen(config.PORTAL_PORT, config.PORTAL_HOST);
  console.log(`portal listening on http://${config.PORTAL_HOST}:${config.PORTAL_PORT}`);
}

main().catch((error: unknown) => {
  console.error('portal failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
