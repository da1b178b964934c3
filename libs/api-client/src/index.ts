export { createAdminApiClient, uploadBody } from './admin-api-client';
export type { AdminApiClient, AdminApiClientOptions } from './admin-api-client';
export { readApiError } from './api-error';
export type { ApiErrorBody } from './api-error';
export type { components, operations, paths } from './openapi.generated';
export type { Schemas } from './schemas';
