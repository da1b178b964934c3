import type { components } from './openapi.generated';

/** The admin API's schemas by name, e.g. `Schemas['CaseStatusDto']`. */
export type Schemas = components['schemas'];
