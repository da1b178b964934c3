export * from './team.entity';
export * from './team.schema';
export * from './team.repository';
