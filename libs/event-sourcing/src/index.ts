export * from './claim-taken.error';
export * from './command-metadata';
export * from './event-store-unavailable.error';
export * from './event-store.port';
export * from './idempotency';
export * from './replay';
export * from './snapshot-store.port';
export * from './version-conflict.error';
