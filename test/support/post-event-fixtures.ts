import { randomUUID } from 'node:crypto';
import {
  hashtagsIn,
  type PostCreatedV2,
  type PostEventDataByType,
  type PostEventEnvelope,
  type PostEventType,
  type ReadableData,
  type ReadablePostEventEnvelope,
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
    schemaVersion: eventType === 'PostCreated' || eventType === 'PostMessageEdited' ? 2 : 1,
    aggregateId: postId,
    aggregateType: 'Post',
    version,
    occurredAt: '2026-11-25T10:00:00.000Z',
    data,
    metadata: { correlationId: randomUUID(), causationId: randomUUID() },
  } as PostEventEnvelope;
}

/** An event as a reader gets it after its person's erasure: personal fields may be null. */
export const readableEnvelope = <K extends PostEventType>(
  postId: string,
  version: number,
  eventType: K,
  data: ReadableData<K>,
): ReadablePostEventEnvelope =>
  envelope(postId, version, eventType, data as PostEventDataByType[K]);

/**
 * A stored PostCreated envelope, as post-cmd writes it; the data given replaces the default's,
 * and the tags are the message's unless given.
 */
export function postCreatedEnvelope(
  postId: string = randomUUID(),
  {
    data,
    ...overrides
  }: Partial<Omit<PostEventEnvelope, 'data'>> & {
    data?: Omit<PostCreatedV2, 'tags'> & Partial<PostCreatedV2>;
  } = {},
): PostEventEnvelope {
  const created = data ?? {
    postId,
    author: 'ada',
    message: 'Hello',
    datePosted: '2026-11-25T10:00:00.000Z',
  };
  return {
    ...envelope(postId, 1, 'PostCreated', { tags: hashtagsIn(created.message), ...created }),
    ...overrides,
  } as PostEventEnvelope;
}
