import type { StoredPostEventEnvelope } from '@social-posts/post-events';

/** A position in the order a republish reads the store: (bucket, aggregateId, version). */
export interface StreamPosition {
  readonly aggregateId: string;
  readonly version: number;
}

/** Every stored event, or one post's, after a position, in chunks: what a republish reads. */
export interface EventHistory {
  readInOrder(
    scope: { aggregateId: string | null; after: StreamPosition | null },
    chunkSize: number,
  ): AsyncGenerator<StoredPostEventEnvelope[]>;
}

export const EVENT_HISTORY = Symbol('EventHistory');
