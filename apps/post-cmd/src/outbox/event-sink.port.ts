import type { EventEnvelope, StoredPostEventEnvelope } from '@social-posts/post-events';

/** An event the bus did not take, and why. */
export interface RefusedEvent<E extends EventEnvelope = StoredPostEventEnvelope> {
  readonly event: E;
  readonly reason: string;
}

export interface PublishOutcome<E extends EventEnvelope = StoredPostEventEnvelope> {
  /** Durably accepted by the bus. */
  readonly published: readonly E[];
  /**
   * Not published: refused by the bus (larger than it takes), or a later event of a post with a
   * refused one, held back so that no post's events reach the bus out of order.
   */
  readonly refused: readonly RefusedEvent<E>[];
}

/**
 * Where stored events go. It publishes each post's events in order, in sends the bus can take,
 * and resolves once the bus has durably accepted every event it reports published. An event the
 * bus refuses stops only its own post; other failures (the bus away) reject.
 */
export interface EventSink {
  publish(events: readonly StoredPostEventEnvelope[]): Promise<PublishOutcome>;
}

export const EVENT_SINK = Symbol('EventSink');
