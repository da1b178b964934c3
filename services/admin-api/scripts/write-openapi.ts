/**
 * Writes docs/openapi.json from the admin API's Swagger decorators without any server running:
 * the application is assembled with its connections replaced by inert stand-ins (an unopened
 * mongoose connection, no Temporal client, throwaway secrets), and no route is ever called.
 * Run through `npm run openapi`, which then regenerates libs/api-client from the written file.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { Secrets } from '@handover/config';
import { withoutDatabase } from '@handover/persistence';
import { AppModule } from '../src/app.module';
import { SECRETS, TEMPORAL_CLIENT } from '../src/common/tokens';
import { createOpenApiDocument } from '../src/openapi/openapi-document';

export const OPENAPI_PATH = join(__dirname, '..', '..', '..', 'docs', 'openapi.json');

async function main(): Promise<void> {
  const masterKey = randomBytes(32).toString('base64');
  const secrets: Secrets = { masterKeys: { single: masterKey }, adminToken: 'unused-' + randomBytes(12).toString('hex'), adminTokenGenerated: false };
  const moduleRef = await withoutDatabase(Test.createTestingModule({ imports: [AppModule] }))
    .overrideProvider(SECRETS).useValue(secrets)
    .overrideProvider(TEMPORAL_CLIENT).useValue({ connection: { close: async () => undefined } })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  const document = createOpenApiDocument(app);
  writeFileSync(OPENAPI_PATH, JSON.stringify(document, null, 2) + '\n');
  await app.close();
  console.log(`wrote ${OPENAPI_PATH} (${Object.keys(document.paths).length} paths)`);
}

main().catch((error: unknown) => {
  console.error('openapi: could not build the document:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
