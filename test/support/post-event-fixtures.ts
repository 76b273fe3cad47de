import { randomUUID } from 'node:crypto';
import type {
  PostEventDataByType,
  PostEventEnvelope,
  PostEventType,
} from '@social-posts/post-events';

/** A stored event of a post, as post-cmd writes it. */
export function envelope<K extends PostEventType>(
  postId: string,
  version: number,
  eventType: K,
  data: PostEventDataByType[K],
): PostEventEnvelope {
  return {
    eventId: randomUUID(),
    eventType,
    schemaVersion: 1,
    aggregateId: postId,
    aggregateType: 'Post',
    version,
    occurredAt: '2026-11-25T10:00:00.000Z',
    data,
    metadata: { correlationId: randomUUID(), causationId: randomUUID() },
  } as PostEventEnvelope;
}

/** A stored PostCreated envelope, as post-cmd writes it. */
export function postCreatedEnvelope(
  postId: string = randomUUID(),
  overrides: Partial<PostEventEnvelope> = {},
): PostEventEnvelope {
  return {
    ...envelope(postId, 1, 'PostCreated', {
      postId,
      author: 'ada',
      message: 'Hello',
      datePosted: '2026-11-25T10:00:00.000Z',
    }),
    ...overrides,
  } as PostEventEnvelope;
}
