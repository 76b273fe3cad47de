import { randomUUID } from 'node:crypto';
import type { PostEventEnvelope } from '@social-posts/post-events';

/** A stored PostCreated envelope, as post-cmd writes it. */
export function postCreatedEnvelope(
  postId: string = randomUUID(),
  overrides: Partial<PostEventEnvelope> = {},
): PostEventEnvelope {
  return {
    eventId: randomUUID(),
    eventType: 'PostCreated',
    schemaVersion: 1,
    aggregateId: postId,
    aggregateType: 'Post',
    version: 1,
    occurredAt: '2026-11-25T10:00:00.000Z',
    data: { postId, author: 'ada', message: 'Hello', datePosted: '2026-11-25T10:00:00.000Z' },
    metadata: { correlationId: randomUUID(), causationId: randomUUID() },
    ...overrides,
  };
}
