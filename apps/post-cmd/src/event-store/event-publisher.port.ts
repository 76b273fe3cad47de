import type { PostEventEnvelope } from '@social-posts/post-events';

/** Where stored events go; resolves only once the bus has durably accepted all of them. */
export interface EventPublisher {
  publish(events: readonly PostEventEnvelope[]): Promise<void>;
}

export const EVENT_PUBLISHER = Symbol('EventPublisher');
