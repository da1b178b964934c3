import type { FactoryProvider } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { CaseRepository, CaseStatisticsRepository, GateDecisionRepository, IncidentRepository, RejectionRepository, RequestRepository, ThirdPartyRepository } from '@handover/persistence';
import { MONGO_CONNECTION } from './tokens';

const repository = <T>(type: new (connection: Connection) => T): FactoryProvider<T> => ({
  provide: type,
  useFactory: (connection: Connection) => new type(connection),
  inject: [MONGO_CONNECTION],
});

/**
 * Repositories as providers (their class is the token): use cases take the repository they need,
 * never the raw connection.
 */
export const REPOSITORY_PROVIDERS = [CaseRepository, CaseStatisticsRepository, GateDecisionRepository, IncidentRepository, RejectionRepository, RequestRepository, ThirdPartyRepository].map((type) =>
  repository<unknown>(type),
);
export const REPOSITORIES = [CaseRepository, CaseStatisticsRepository, GateDecisionRepository, IncidentRepository, RejectionRepository, RequestRepository, ThirdPartyRepository];
