export * from './window-counter';
export * from './window-slot.schema';
export * from './window-slot.repository';
