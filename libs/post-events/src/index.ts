export * from './event-envelope';
export * from './post-events';
export * from './post-event-codec';
export * from './post-events-topic';
export * from './text-limits';
export * from './hashtags';
export * from './upcasters';
export * from './personal-data';
