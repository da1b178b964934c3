import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The bearer scheme every protected operation names (`@ApiBearerAuth()` defaults to this name). */
export const BEARER_SCHEME = 'bearer';

/**
 * The admin API's OpenAPI document, from the controllers' Swagger decorators. The same function
 * serves `/docs-json` and writes `docs/openapi.json` (`npm run openapi`), so the committed document
 * and the served one can only differ when the code changed without regenerating it. Nothing here
 * depends on configuration or the environment.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Handover admin API')
    .setDescription(
      'Transfer cases, inventory, gates, third parties, incidents, requests, audit; the Temporal remote codec. ' +
        'Every operation except `/health` takes `Authorization: Bearer <token>` (the admin token or an API key). ' +
        'Errors are `{statusCode, code, message, fields?}`. ' +
        'The contract in prose (vocabulary, portal, error codes): docs/api.md; the legal rules behind it: docs/legal.md.',
    )
    .setVersion('0.1.0')
    .addServer('http://127.0.0.1:3000', 'local development (npm start)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'the admin token or an API key (`POST /v1/keys`)' }, BEARER_SCHEME)
    .build();
  // No licence URL: the project is UNLICENSED (proprietary) and publishes no licence page, so
  // Redocly's info-license-strict warns (the one warning left; see README, OpenAPI).
  config.info.license = { name: 'UNLICENSED (proprietary)' };
  return typeNullableReferences(SwaggerModule.createDocument(app, config));
}

/**
 * `@ApiProperty({ type: Dto, nullable: true })` becomes `{nullable: true, allOf: [{$ref}]}`, and
 * @nestjs/swagger drops any `type` declared beside a combinator; OpenAPI 3.0 wants a `type` wherever
 * `nullable` is set (Redocly's nullable-type-sibling). Such a property is an object that may be null.
 */
type SchemaOrRef = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];
type Schema = Exclude<SchemaOrRef, { $ref: string }>;

function typeNullableReferences(document: OpenAPIObject): OpenAPIObject {
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    if ('$ref' in schema) continue;
    for (const property of Object.values(schema.properties ?? {})) {
      if ('$ref' in property) continue;
      const candidate: Schema = property;
      if (candidate.nullable && candidate.type === undefined && candidate.allOf?.length === 1) candidate.type = 'object';
    }
  }
  return document;
}
