export * from './incident.entity';
export * from './incident.schema';
export * from './incident.repository';
export * from './incident-population.repository';
