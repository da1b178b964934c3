export * from './blob-store';
export * from './local-blob-store';
export * from './gridfs-blob-store';
export * from './open-blob-store';
